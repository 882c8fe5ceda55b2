"""Time sphinx-profile's ``publist`` against sphinxcontrib-bibtex on the same sites.

For every bibliography (synthetic N = 100, 1,000, 5,000 from ``generate.py`` and the
two large real-world files) two sites are built that differ only in the extension:
the same pages, theme and Sphinx, one ``publications`` page holding either
``.. publist::`` or ``.. bibliography:: :all:``. Each site is measured as a whole
``sphinx-build -q`` process, because that is what a user waits for:

- clean: the output and doctree folders removed first;
- unrelated: after appending a sentence to a page that shows no publications;
- list page: after appending a sentence to the publications page's toctree child, which
  makes Sphinx write the publications page again (its navigation may have changed);
- bib edit: after changing one entry's title in the ``.bib`` file;
- peak memory: the largest resident set of the clean build (``getrusage`` of the child).

Our site is also built with ``profile_paper_pages`` on, through the same measures,
and every build counts the files it wrote under ``html/papers`` (a rebuild after an
unrelated edit must write none). Hugo, when installed, builds the same entries as one
page each and a list page (``hugo_site.py``) as the reference for what a static-site
generator can do.

Each measure is repeated (``--reps``) and the median is reported; the tools
alternate within every repetition so a slow moment on a shared machine hits all.
The table (with the ratio ours/peer) is printed and written to ``RESULTS.md`` next to
this script, with the machine it ran on.

Usage: ``python benchmarks/run.py [--quick] [--reps 3] [--sizes 100 1000 5000] [--no-real]``
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from generate import generate
from hugo_site import write_hugo_site

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
REALWORLD = REPO.parent / "shared" / "realworld"
REAL_FILES = ["large_HEPML-LivingReview_HEPML.bib", "large_lsst-texmf_gaia_livelink_valid.bib"]

TOOLS = {
    "ours": {
        "extension": "sphinx_profile",
        "config": 'profile_bibfiles = ["refs.bib"]',
        "directive": ".. publist::",
        # one <li> per entry, its id the BibTeX key
        "entry": r'<li[^>]*class="[^"]*sp-entry\b',
    },
    "peer": {
        "extension": "sphinxcontrib.bibtex",
        "config": 'bibtex_bibfiles = ["refs.bib"]',
        "directive": ".. bibliography::\n   :all:",
        "entry": r'<div class="citation" id=',
    },
}
#: Ours with a landing page per entry, beside ours without (same run, same sites).
PAPERS = "ours, paper pages"
TOOLS[PAPERS] = {
    **TOOLS["ours"],
    "config": TOOLS["ours"]["config"] + "\nprofile_paper_pages = True",
}
MEASURES = ["clean", "unrelated", "list page", "bib edit"]
#: The reference for paper pages: Hugo's clean build of the same entries as pages.
HUGO = "Hugo"
#: The 1-minute load average after every build: was the machine shared?
LOADS: list[float] = []

CONF = """\
project = "Benchmark"
extensions = ["{extension}"]
html_theme = "furo"
{config}
"""
PAGES = {
    "index.rst": "Home\n====\n\nA researcher's homepage.\n\n"
    ".. toctree::\n\n   about\n   teaching\n   publications\n",
    "about.rst": "About\n=====\n\nA page that shows no publications.\n",
    "teaching.rst": "Teaching\n========\n\n" + "* A course, every autumn.\n" * 20,
    "publications.rst": "Publications\n============\n\n{directive}\n\n"
    ".. toctree::\n   :hidden:\n\n   citing\n",
    "citing.rst": "How to cite\n===========\n\nA page under the publications page.\n",
}

#: The floor: a site with neither extension whose publications page is the HTML our
#: build wrote, appended by a ten-line extension while the page is written. Its
#: peak memory is what Sphinx itself needs to write a page that size, with no
#: bibliography, records or entries at all.
FLOOR_EXTENSION = """\
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class stored_html(nodes.General, nodes.Element):
    pass


class StoredHtml(SphinxDirective):
    def run(self):
        return [stored_html()]


def visit(translator, node):
    translator.body.append(Path(translator.builder.srcdir, "stored.html").read_text("utf-8"))
    raise nodes.SkipNode


def setup(app):
    app.add_node(stored_html, html=(visit, None))
    app.add_directive("stored-html", StoredHtml)
    return {"parallel_read_safe": True}
"""
FLOOR = {
    "extension": "stored_html",
    "config": "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))",
    "directive": ".. stored-html::",
    "entry": TOOLS["ours"]["entry"],
}
#: Clean builds measured beside the tools in every repetition (their ratios are to
#: the peer's clean build): ours showing only what the peer's entries show (links to
#: the URL, DOI and arXiv; no abstract or BibTeX blocks), and the floor.
SAME_CONTENT = {**TOOLS["ours"], "directive": ".. publist::\n   :links: url doi arxiv"}
FLOOR_NAME = "Sphinx alone writing our page"
VARIANTS = {"ours with the peer's content": SAME_CONTENT, FLOOR_NAME: FLOOR}


@dataclass
class Run:
    """One ``sphinx-build`` process: wall and CPU seconds, peak RSS, what it produced."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    warnings: int
    entries: int
    error: str = ""
    #: files under ``html/papers`` that the build created or wrote again
    papers_written: int = 0


@dataclass
class Result:
    """All repetitions of one tool on one bibliography."""

    runs: dict[str, list[Run]] = field(default_factory=lambda: {m: [] for m in MEASURES})

    @property
    def failed(self) -> bool:
        """Whether any build exited with an error (its times would mean nothing)."""
        return any(run.returncode for runs in self.runs.values() for run in runs)

    def median(self, measure: str, attr: str = "wall") -> float:
        return float(statistics.median(getattr(run, attr) for run in self.runs[measure]))


def make_site(site: Path, spec: dict[str, str], bib: bytes) -> None:
    """A fresh site for a tool's ``spec`` with its own copy of the bibliography (never
    the original)."""
    shutil.rmtree(site, ignore_errors=True)
    src = site / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF.format(**spec))
    for name, text in PAGES.items():
        (src / name).write_text(text.format(**spec))
    (src / "refs.bib").write_bytes(bib)


def make_floor_site(site: Path, page: Path) -> None:
    """The :data:`FLOOR` site, showing what our build wrote into ``page``'s body."""
    make_site(site, FLOOR, b"")
    html = page.read_text(encoding="utf-8")
    fragment = re.search(r"</h1>\n(.*)</section>", html, flags=re.S)
    (site / "src" / "stored.html").write_text(fragment.group(1) if fragment else "", "utf-8")
    (site / "src" / "stored_html.py").write_text(FLOOR_EXTENSION)


def timed(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` in a child process, its error output to ``log``, and read its
    resource usage from ``wait4``; what it produced is for the caller to fill in."""
    start = time.perf_counter()
    with log.open("wb") as stderr_file:
        # not Popen.wait(): os.wait4 reaps the child itself and returns its own rusage
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=stderr_file)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    LOADS.append(os.getloadavg()[0])
    returncode = os.waitstatus_to_exitcode(status)
    stderr = log.read_text(encoding="utf-8", errors="replace")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss / 1024,
        returncode=returncode,
        warnings=len(re.findall(r"\b(WARNING|ERROR|CRITICAL)\b", stderr)),
        entries=0,
        error=last_error(stderr) if returncode else "",
    )


def snapshot(folder: Path) -> dict[Path, int]:
    """Every file under ``folder`` with the time it was last written, in nanoseconds."""
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def sphinx_build(site: Path, spec: dict[str, str]) -> Run:
    """One ``sphinx-build``: its times, the entries on the publications page and the
    paper files it wrote (new, or written again: their modification time moved)."""
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    cmd += ["-d", str(site / "doctrees"), str(site / "src"), str(site / "html")]
    papers = site / "html" / "papers"
    before = snapshot(papers)
    run = timed(cmd, site / "stderr.log", env={**os.environ, "PYTHONPATH": str(REPO)})
    after = snapshot(papers)
    page = site / "html" / "publications.html"
    html = page.read_text(encoding="utf-8") if page.exists() else ""
    run.entries = len(re.findall(spec["entry"], html))
    run.papers_written = sum(before.get(path) != mtime for path, mtime in after.items())
    return run


def hugo_build(site: Path) -> Run:
    """A clean ``hugo --quiet`` of the site :func:`write_hugo_site` made; its entries
    are the paper pages it wrote."""
    for output in ("public", "resources", "cache"):
        shutil.rmtree(site / output, ignore_errors=True)
    cmd = ["hugo", "--quiet", "--source", str(site), "--cacheDir", str(site / "cache")]
    run = timed(cmd, site.parent / "hugo-stderr.log")
    run.entries = len(list((site / "public" / "papers").glob("*.html")))
    return run


def hugo_version() -> str:
    """Hugo's version line ("hugo v0.111.3+extended ..."), or "" when it is not installed."""
    if not shutil.which("hugo"):
        return ""
    done = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def last_error(stderr: str) -> str:
    """Why a build failed, in one line: Sphinx's exception summary, else its last line."""
    found = re.findall(r"\(exception: (.+)\)\s*$", stderr, flags=re.M)
    if found:
        return str(found[-1])[:200]
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    before_hint = [
        line for line in lines if not line.startswith(("The full", "To report", "Please"))
    ]
    return (before_hint or lines or ["no message"])[-1][:200]


def edit_title(bib: bytes, rep: int) -> bytes:
    """The bibliography with its first title changed, as a user fixing a typo would."""
    return re.sub(rb'(title\s*=\s*[{"])', rb"\1Edit %d " % rep, bib, count=1, flags=re.I)


def measure(
    name: str, bib: bytes, reps: int, work: Path
) -> tuple[dict[str, Result], dict[str, list[Run]]]:
    """Every measure of the :data:`TOOLS` on one bibliography, ``reps`` times, a clean
    build of each of the :data:`VARIANTS` and, when it is installed, a clean Hugo build
    (its runs are the result :data:`HUGO`) in every repetition; the sites go in ``work``."""
    results = {tool: Result() for tool in TOOLS}
    variants: dict[str, list[Run]] = {variant: [] for variant in VARIANTS}
    hugo_site = work / name / "hugo"
    if hugo_version():
        (work / name).mkdir(parents=True, exist_ok=True)
        (work / name / "refs.bib").write_bytes(bib)
        write_hugo_site(work / name / "refs.bib", hugo_site)
        results[HUGO] = Result()
    for rep in range(reps):
        order = list(TOOLS) if rep % 2 == 0 else list(reversed(TOOLS))
        for tool in order:
            site = work / name / re.sub(r"\W+", "-", tool)
            spec = TOOLS[tool]
            make_site(site, spec, bib)
            runs = results[tool].runs
            runs["clean"].append(sphinx_build(site, spec))
            if tool == "ours":
                for variant, variant_spec in VARIANTS.items():
                    other = work / name / re.sub(r"\W+", "-", variant)
                    if variant_spec is FLOOR:
                        make_floor_site(other, site / "html" / "publications.html")
                    else:
                        make_site(other, variant_spec, bib)
                    variants[variant].append(sphinx_build(other, variant_spec))
            about = site / "src" / "about.rst"
            about.write_text(about.read_text() + f"\nEdited in repetition {rep}.\n")
            runs["unrelated"].append(sphinx_build(site, spec))
            child = site / "src" / "citing.rst"
            child.write_text(child.read_text() + f"\nEdited in repetition {rep}.\n")
            runs["list page"].append(sphinx_build(site, spec))
            (site / "src" / "refs.bib").write_bytes(edit_title(bib, rep))
            runs["bib edit"].append(sphinx_build(site, spec))
        if HUGO in results:
            results[HUGO].runs["clean"].append(hugo_build(hugo_site))
        print(f"  {name}: repetition {rep + 1}/{reps} done", file=sys.stderr)
    return results, variants


def filesystem(path: Path) -> str:
    """The type of the file system ``path`` is on (``ext4``, ``tmpfs``): creating the
    15,000 files of the paper pages costs a tenth of a second on one and seconds, from
    one run to the next, on a virtual machine's disk."""
    mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    here = path.resolve()
    found = [(len(point), kind) for _, point, kind, *_ in mounts if here.is_relative_to(point)]
    return max(found)[1] if found else "unknown"


def machine(work: Path) -> list[str]:
    """What the numbers were measured on, for the reader to compare with their own."""
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {mem_kb / 1024**2:.0f} GiB; "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, Sphinx {version('sphinx')}, "
        f"docutils {version('docutils')}, pybtex {version('pybtex')}, "
        f"sphinxcontrib-bibtex {version('sphinxcontrib-bibtex')}, "
        f"sphinx-profile at commit {commit()}, "
        f"furo {version('furo')}",
        f"- {hugo_version() or 'Hugo: not installed'}",
        f"- Sites built on {filesystem(work)} (`--work {work}`)",
    ]


def command(args: argparse.Namespace) -> str:
    """The command that measured the table, with the options that shape the numbers
    (where the sites and the table went does not)."""
    parts = ["python benchmarks/run.py"]
    if args.quick:
        parts.append("--quick")
    else:
        parts += ["--reps", str(args.reps), "--sizes", *map(str, args.sizes)]
        parts += ["--no-real"] if args.no_real else []
    return " ".join(parts)


def commit() -> str:
    """The measured source: the benchmark imports sphinx_profile from this checkout."""
    git = ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]
    return subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()


def ratio(ours: float, peer: float) -> str:
    return f"{ours / peer:.3f}" if peer else "n/a"


def cell(result: Result, measure_name: str, attr: str, digits: int) -> str:
    """A median, or "fails" when the tool could not build the site at all."""
    if result.failed:
        return "fails"
    return f"{result.median(measure_name, attr):.{digits}f}"


def triple(
    results: dict[str, Result],
    measure_name: str,
    attr: str,
    digits: int,
    pair: tuple[str, str] = ("ours", "peer"),
) -> str:
    """The first tool of ``pair`` (ours), the second (the peer) and the ratio, as three
    table cells."""
    ours, peer = results[pair[0]], results[pair[1]]
    if ours.failed or peer.failed:
        quotient = "n/a"
    else:
        quotient = ratio(ours.median(measure_name, attr), peer.median(measure_name, attr))
    return (
        f"{cell(ours, measure_name, attr, digits)} | {cell(peer, measure_name, attr, digits)} "
        f"| {quotient}"
    )


def table(
    all_results: dict[str, dict[str, Result]], variants: dict[str, dict[str, list[Run]]]
) -> list[str]:
    """Medians per bibliography and measure, with the ratios ours/peer; then the clean
    builds of the :data:`VARIANTS`, their ratios to the peer's clean build.

    Wall-clock time is what a user waits for; CPU time (user + system) is shown too
    because it is less disturbed by other processes on a shared machine.
    """
    lines = [
        "| bibliography | measure | ours | peer | ours/peer "
        "| ours CPU | peer CPU | ours/peer CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, results in all_results.items():
        for measure_name in MEASURES:
            wall = triple(results, measure_name, "wall", 2)
            cpu = triple(results, measure_name, "cpu", 2)
            lines.append(f"| {name} | {measure_name} (s) | {wall} | {cpu} |")
        memory = triple(results, "clean", "rss_mb", 0)
        lines.append(f"| {name} | peak memory (MB) | {memory} | | | |")
        for variant, runs in variants.get(name, {}).items():
            as_result = Result(runs={**{m: [] for m in MEASURES}, "clean": runs})
            against = {"ours": as_result, "peer": results["peer"]}
            wall = triple(against, "clean", "wall", 2)
            cpu = triple(against, "clean", "cpu", 2)
            memory = triple(against, "clean", "rss_mb", 0)
            lines.append(f"| {name} | clean, {variant} (s) | {wall} | {cpu} |")
            lines.append(f"| {name} | peak memory, {variant} (MB) | {memory} | | | |")
    return lines


def paper_table(all_results: dict[str, dict[str, Result]]) -> list[str]:
    """Ours with paper pages on beside ours with them off, measure by measure (the same
    sites in the same run), and how many files under ``html/papers`` each build wrote."""
    lines = [
        "| bibliography | measure | on | off | on/off | on CPU | off CPU | on/off CPU "
        "| paper files written |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    pair = (PAPERS, "ours")
    for name, results in all_results.items():
        for measure_name in MEASURES:
            wall = triple(results, measure_name, "wall", 2, pair)
            cpu = triple(results, measure_name, "cpu", 2, pair)
            written = cell(results[PAPERS], measure_name, "papers_written", 0)
            lines.append(f"| {name} | {measure_name} (s) | {wall} | {cpu} | {written} |")
        memory = triple(results, "clean", "rss_mb", 0, pair)
        lines.append(f"| {name} | peak memory (MB) | {memory} | | | | |")
    return lines


def hugo_table(all_results: dict[str, dict[str, Result]]) -> list[str]:
    """Our clean build with paper pages beside Hugo's clean build of the same entries,
    one page each and a list page (nothing when Hugo is not installed)."""
    lines = [
        "| bibliography | ours, paper pages (s) | Hugo (s) | ours/Hugo "
        "| ours CPU | Hugo CPU | ours/Hugo CPU | pages Hugo wrote |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    pair = (PAPERS, HUGO)
    for name, results in all_results.items():
        if HUGO in results:
            wall = triple(results, "clean", "wall", 2, pair)
            cpu = triple(results, "clean", "cpu", 2, pair)
            pages = results[HUGO].runs["clean"][0].entries
            lines.append(f"| {name} | {wall} | {cpu} | {pages} |")
    return lines if len(lines) > 2 else []


def outcomes(all_results: dict[str, dict[str, Result]]) -> list[str]:
    """How each tool coped with each file: exit status, warnings, entries shown."""
    lines = [
        "| bibliography | tool | exit status | warnings and errors | entries shown | error |",
        "|---|---|---:|---:|---:|---|",
    ]
    for name, results in all_results.items():
        for tool, result in results.items():
            run = result.runs["clean"][0]
            error = run.error.replace("|", "\\|")
            lines.append(
                f"| {name} | {tool} | {run.returncode} | {run.warnings} | {run.entries} | {error} |"
            )
    return lines


#: The ratios ours/peer that sphinx-profile aims for at 5,000 entries.
TARGETS = {"clean": 0.15, "unrelated": 0.05, "bib edit": 0.2}
MEMORY_TARGET = 0.5
#: What paper pages may add to a clean build at 5,000 entries (on/off).
PAPERS_TARGET = 1.3


def targets(
    all_results: dict[str, dict[str, Result]], variants: dict[str, dict[str, list[Run]]]
) -> list[str]:
    """The 5,000-entry ratios against the targets, and what the :data:`VARIANTS` say
    about the memory target."""
    results = all_results.get("synthetic-5000")
    if results is None or results["ours"].failed or results["peer"].failed:
        return []
    ours, peer = results["ours"], results["peer"]
    lines = ["| at 5,000 entries | target | wall | CPU |", "|---|---:|---:|---:|"]
    for measure_name, target in TARGETS.items():
        wall, cpu = (
            ours.median(measure_name, a) / peer.median(measure_name, a) for a in ("wall", "cpu")
        )
        lines.append(
            f"| {measure_name} | ≤ {target} | {wall:.3f} {verdict(wall, target)} "
            f"| {cpu:.3f} {verdict(cpu, target)} |"
        )
    papers = results[PAPERS]
    if not papers.failed:
        wall, cpu = (papers.median("clean", a) / ours.median("clean", a) for a in ("wall", "cpu"))
        written = papers.median("unrelated", "papers_written")
        lines += [
            f"| clean, paper pages on/off | ≤ {PAPERS_TARGET} "
            f"| {wall:.3f} {verdict(wall, PAPERS_TARGET)} "
            f"| {cpu:.3f} {verdict(cpu, PAPERS_TARGET)} |",
            f"| paper files written, unrelated | 0 | {written:.0f} {verdict(written, 0)} | |",
        ]
    peer_mb = peer.median("clean", "rss_mb")
    memories = {"peak memory": ours.median("clean", "rss_mb")}
    for variant, runs in variants.get("synthetic-5000", {}).items():
        memories[f"peak memory, {variant}"] = statistics.median(run.rss_mb for run in runs)
    floor = memories.pop(f"peak memory, {FLOOR_NAME}", None)
    for label, megabytes in memories.items():
        share = megabytes / peer_mb
        lines.append(
            f"| {label} | ≤ {MEMORY_TARGET} | {share:.3f} {verdict(share, MEMORY_TARGET)} | |"
        )
    if floor:
        budget = MEMORY_TARGET * peer_mb
        lines += [
            "",
            f"Sphinx alone, writing the same 5,000-entry page (our HTML appended by a "
            f"ten-line extension, no bibliography at all), peaks at {floor:.0f} MB; the "
            f"memory target is {budget:.0f} MB, which leaves {budget - floor:.0f} MB for "
            f"parsing, storing and rendering 5,000 entries. Ours takes "
            f"{memories['peak memory'] - floor:.0f} MB above Sphinx's own.",
        ]
    return lines


def verdict(value: float, target: float) -> str:
    return "(met)" if value <= target else "(missed)"


def growth(all_results: dict[str, dict[str, Result]]) -> list[str]:
    """How the clean build grows from 1,000 to 5,000 entries (five times the entries)."""
    if "synthetic-1000" not in all_results or "synthetic-5000" not in all_results:
        return []
    small, large = all_results["synthetic-1000"], all_results["synthetic-5000"]
    parts = []
    for tool in TOOLS:
        if small[tool].failed or large[tool].failed:
            continue
        for measure_name in MEASURES:
            factor = large[tool].median(measure_name) / small[tool].median(measure_name)
            parts.append(f"{tool} {measure_name} x{factor:.2f}")
    return [f"Growth from 1,000 to 5,000 entries (5x the entries): {'; '.join(parts)}."]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="N = 100 and 1,000 once, no real files"
    )
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--no-real", action="store_true", help="skip the large real files")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=WORK, help="where the sites are built")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.reps, args.no_real = [100, 1000], 1, True

    cases = {f"synthetic-{n}": generate(n).encode() for n in args.sizes}
    if not args.no_real:
        for filename in REAL_FILES:
            cases[filename.removesuffix(".bib")] = (REALWORLD / filename).read_bytes()

    started = datetime.datetime.now(datetime.UTC)
    measured = {name: measure(name, bib, args.reps, args.work) for name, bib in cases.items()}
    all_results = {name: results for name, (results, _) in measured.items()}
    variants = {name: runs for name, (_, runs) in measured.items()}
    hugo_rows = hugo_table(all_results)

    report = [
        "# Benchmark results",
        "",
        f"Measured {started:%Y-%m-%d} with `{command(args)}`; medians of {args.reps} "
        "repetitions; times are seconds of a whole `sphinx-build -q -b html` process, "
        "wall-clock and CPU (user + system); memory is its peak resident set. Ratios are "
        "ours divided by the peer's: smaller is better.",
        "",
        *machine(args.work),
        f"- Load: the 1-minute load average after each build was {min(LOADS):.1f} to "
        f"{max(LOADS):.1f} (median {statistics.median(LOADS):.1f}) on {os.cpu_count()} cores"
        + (
            "; other work was sharing the machine, so CPU times are the steadier measure"
            if max(LOADS) > (os.cpu_count() or 1)
            else ""
        ),
        "",
        "<!-- results-table -->",
        *table(all_results, variants),
        "<!-- end-results-table -->",
        "",
        *targets(all_results, variants),
        "",
        *growth(all_results),
        "",
        "Paper pages (`profile_paper_pages = True`) on beside off: the same sites and "
        "measures, in the same run; the last column counts the files (pages, `.bib`, "
        "`.ris`) each build created or wrote again under `html/papers`:",
        "",
        *paper_table(all_results),
        "",
        *(
            [
                "Hugo building the same entries, one page each (title, authors, venue, year, "
                "abstract) and a list page, minimal layouts and no theme; a clean "
                "`hugo --quiet` beside our clean build with paper pages:",
                "",
                *hugo_rows,
                "",
            ]
            if hugo_rows
            else ["Hugo is not installed, so its rows are left out.", ""]
        ),
        "How each tool coped with each file (first clean build):",
        "",
        *outcomes(all_results),
        "",
    ]
    args.output.write_text("\n".join(report))
    print("\n".join(report))
    raw = {
        name: {
            **{
                tool: {m: [vars(run) for run in result.runs[m]] for m in MEASURES}
                for tool, result in results.items()
            },
            **{variant: [vars(run) for run in runs] for variant, runs in variants[name].items()},
        }
        for name, results in all_results.items()
    }
    (args.work / "raw.json").write_text(json.dumps(raw, indent=1))


if __name__ == "__main__":
    main()
