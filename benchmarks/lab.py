"""Time a lab site against the single-person site on the same 10,000-entry bibliography.

A lab of 60 people (a PI, postdocs, students, alumni) shares one synthetic ``.bib``
(``generate.py``) in which the members are authors of about a third of the entries,
spelled as real files spell them: "Family, Given", "Given Family", initials, accents
as LaTeX escapes and as UTF-8, and a former name (an alias). The lab site has a people
page, a page per person (``profile_people_pages``) and a publications page with one
``publist``; its people are a folder of one file each (``profile_people``), so one
person's file can be edited. Beside it, in every repetition, the single-person site of
``run.py`` is built on the same bibliography:

- clean: both sites, the output and doctree folders removed first; and the lab with
  paper pages on (``profile_paper_pages``);
- one person: the lab rebuilt after giving one student's file a ``url``;
- unrelated: both rebuilt after appending a sentence to a page that shows no
  publications.

Every build is a whole ``sphinx-build -q`` process measured by ``run.py``; a rebuild also
counts the documents Sphinx read again (the environment's reading times) and the HTML
pages it wrote. Editing one person should re-read only the pages that show them: the
people page, which draws every person page, and the publications page, whose author
names link to the people.

Usage: ``python benchmarks/lab.py [--reps 3] [--people 60] [--entries 10000]``
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import pickle
import random
import re
import shutil
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generate import SYLLABLES, generate
from run import LOADS, TOOLS, WORK, Run, machine, make_site, ratio, sphinx_build

HERE = Path(__file__).resolve().parent

#: Given names as a person writes them and as a ``.bib`` file often does.
GIVEN = [
    ("Zoë", 'Zo{\\"e}'),
    ("José", "Jos{\\'e}"),
    ("François", "Fran{\\c{c}}ois"),
    ("Björn", 'Bj{\\"o}rn'),
    ("Sofía", "Sof{\\'\\i}a"),
    ("Ada", "Ada"),
    ("Kwame", "Kwame"),
    ("Priya", "Priya"),
    ("Ngozi", "Ngozi"),
    ("Dmitri", "Dmitri"),
    ("Aiko", "Aiko"),
    ("Hanna", "Hanna"),
    ("Mingze", "Mingze"),
]
#: The roles after the PI's, repeated: a lab of 60 has about 29 students, 12 postdocs,
#: 6 engineers and 12 alumni, and a small lab of the benchmark's test has each role.
ROLES = ["PhD student", "Postdoc", "Alumni", "PhD student", "Research engineer"]
ROLES += ["PhD student", "Alumni", "Postdoc", "PhD student", "PhD student"]

LAB_CONF = """\
project = "Benchmark Lab"
extensions = ["sphinx_profile"]
html_theme = "furo"
profile_bibfiles = ["refs.bib"]
profile_people = "people"
profile_people_roles = ["PI", "Postdoc", "Research engineer", "PhD student"]
profile_people_pages = True
profile_paper_pages = {paper_pages}
"""
LAB_PAGES = {
    "index.rst": "Lab\n===\n\nA research group's homepage.\n\n"
    ".. toctree::\n\n   people\n   publications\n   about\n",
    "people.rst": "People\n======\n\n.. people::\n\nAlumni\n------\n\n.. people::\n   :alumni:\n",
    "publications.rst": "Publications\n============\n\n.. publist::\n",
    "about.rst": "About\n=====\n\nA page that shows no publications.\n",
}


@dataclass(frozen=True)
class Member:
    """One person of the synthetic lab: the people file's spelling and the bib's."""

    id: str
    given: str
    family: str
    latex_given: str
    role: str
    alias_family: str = ""

    def file(self) -> str:
        """The person's file in the people folder."""
        lines = [f"id: {self.id}", f"name: {self.given} {self.family}"]
        if self.alias_family:
            lines.append(f"aliases: [{self.given} {self.alias_family}]")
        if self.role == "Alumni":
            lines += ["role: PhD student", "startDate: 2012-09", "endDate: 2018-06"]
            lines.append("now: Research scientist, an industrial lab")
        else:
            lines += [f"role: {self.role}", "startDate: 2020-09"]
        lines.append("summary: Works on *probabilistic* models.")
        return "\n".join(lines) + "\n"

    def spelling(self, rng: random.Random) -> str:
        """One way a paper names the person, as :func:`generate.authors` mixes them."""
        family = self.alias_family if self.alias_family and rng.random() < 0.3 else self.family
        given = rng.choice([self.given, self.latex_given, self.given[0] + "."])
        return f"{family}, {given}" if rng.random() < 0.6 else f"{given} {family}"


def lab(count: int, seed: int = 1) -> list[Member]:
    """``count`` members with distinct family names; every fifth a former name."""
    rng = random.Random(seed)
    roles = ["PI", *itertools.islice(itertools.cycle(ROLES), count - 1)]
    families: dict[str, None] = {}
    while len(families) < count:
        family = rng.choice(SYLLABLES).capitalize() + "".join(rng.choices(SYLLABLES, k=2))
        families[family.replace("u", "ü", 1) if len(families) % 4 == 0 else family] = None
    members = []
    for index, (family, role) in enumerate(zip(families, roles, strict=False)):
        given, latex_given = GIVEN[index % len(GIVEN)]
        ascii_id = unicodedata.normalize("NFKD", f"{given}-{family}").encode("ascii", "ignore")
        alias = rng.choice(SYLLABLES).capitalize() + "dottir" if index % 5 == 4 else ""
        members.append(Member(ascii_id.decode().lower(), given, family, latex_given, role, alias))
    return members


def lab_bib(entries: int, members: list[Member], seed: int = 1) -> str:
    """The synthetic bibliography with members among the authors of about a third of
    the entries (the PI most often, as a Zipf-like weighting has it)."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(members))]

    def add_members(match: re.Match[str]) -> str:
        names = match.group(2).split(" and ")
        if rng.random() < 0.35:
            count = 1 if rng.random() < 0.7 else 2
            for member in rng.choices(members, weights=weights, k=count):
                names.insert(rng.randint(0, len(names)), member.spelling(rng))
        return f"{match.group(1)}{' and '.join(names)}}}"

    return re.sub(r"(  author = \{)(.*)\}", add_members, generate(entries, seed))


def make_lab_site(site: Path, members: list[Member], bib: bytes, paper_pages: bool) -> None:
    """A fresh lab site: its pages, its people folder and a copy of the bibliography."""
    shutil.rmtree(site, ignore_errors=True)
    src = site / "src"
    (src / "people").mkdir(parents=True)
    (src / "conf.py").write_text(LAB_CONF.format(paper_pages=paper_pages))
    for name, text in LAB_PAGES.items():
        (src / name).write_text(text)
    for member in members:
        (src / "people" / f"{member.id}.yaml").write_text(member.file(), encoding="utf-8")
    (src / "refs.bib").write_bytes(bib)


@dataclass
class Rebuild:
    """A rebuild's run, the documents it read again and the HTML pages it wrote."""

    run: Run
    reread: list[str]
    written: int


def rebuild(site: Path) -> Rebuild:
    """Build ``site`` again and see what that build read and wrote: Sphinx stores each
    document's reading time in its environment."""
    start = time.time_ns() // 1_000
    run = sphinx_build(site, TOOLS["ours"])
    with (site / "doctrees" / "environment.pickle").open("rb") as saved:
        env = pickle.load(saved)
    reread = sorted(doc for doc, read in env.all_docs.items() if read >= start)
    pages = (site / "html").rglob("*.html")
    written = sum(1 for page in pages if page.stat().st_mtime_ns // 1_000 >= start)
    return Rebuild(run, reread, written)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@dataclass
class Measures:
    """Every repetition of every measure."""

    clean: dict[str, list[Run]]
    rebuilds: dict[str, list[Rebuild]]


SINGLE, LAB, LAB_PAPERS = "single person", "lab", "lab, paper pages on"
EDIT_PERSON, UNRELATED = "after editing one person's file", "after an unrelated edit"


def measure(members: list[Member], bib: bytes, reps: int, work: Path) -> Measures:
    """All builds, ``reps`` times; the single and the lab site alternate which goes first."""
    clean: dict[str, list[Run]] = {SINGLE: [], LAB: [], LAB_PAPERS: []}
    rebuilds: dict[str, list[Rebuild]] = {
        f"{SINGLE}, {UNRELATED}": [],
        f"{LAB}, {EDIT_PERSON}": [],
        f"{LAB}, {UNRELATED}": [],
    }
    edited = next(member for member in members if member.role == "PhD student")
    for rep in range(reps):
        order = [SINGLE, LAB] if rep % 2 == 0 else [LAB, SINGLE]
        for name in order:
            site = work / re.sub(r"\W+", "-", name)
            if name == SINGLE:
                make_site(site, TOOLS["ours"], bib)
            else:
                make_lab_site(site, members, bib, paper_pages=False)
            clean[name].append(sphinx_build(site, TOOLS["ours"]))
            if name == LAB:
                person = site / "src" / "people" / f"{edited.id}.yaml"
                append(person, f"url: https://example.org/edit-{rep}\n")
                rebuilds[f"{LAB}, {EDIT_PERSON}"].append(rebuild(site))
            append(site / "src" / "about.rst", f"\nEdited in repetition {rep}.\n")
            rebuilds[f"{name}, {UNRELATED}"].append(rebuild(site))
        site = work / "lab-paper-pages"
        make_lab_site(site, members, bib, paper_pages=True)
        clean[LAB_PAPERS].append(sphinx_build(site, TOOLS["ours"]))
        print(f"  lab: repetition {rep + 1}/{reps} done", file=sys.stderr)
    return Measures(clean, rebuilds)


def median(runs: list[Run], attr: str) -> float:
    return float(statistics.median(getattr(run, attr) for run in runs))


def table(measures: Measures) -> list[str]:
    """Medians: the clean builds with their ratio to the single-person site, then the
    rebuilds with what each read and wrote."""
    lines = [
        "| site | build | wall (s) | CPU (s) | peak memory (MB) | ratio to single (wall) "
        "| documents re-read | HTML pages written |",
        "|---|---|---:|---:|---:|---:|---|---:|",
    ]
    single = measures.clean[SINGLE]
    for name, runs in measures.clean.items():
        lines.append(
            f"| {name} | clean | {median(runs, 'wall'):.2f} | {median(runs, 'cpu'):.2f} "
            f"| {median(runs, 'rss_mb'):.0f} "
            f"| {ratio(median(runs, 'wall'), median(single, 'wall'))} | all | all |"
        )
    for label, rebuilt in measures.rebuilds.items():
        name, build = label.split(", ", 1)
        runs = [one.run for one in rebuilt]
        reread = {", ".join(one.reread) or "none" for one in rebuilt}
        written = statistics.median(one.written for one in rebuilt)
        lines.append(
            f"| {name} | rebuild {build} | {median(runs, 'wall'):.2f} "
            f"| {median(runs, 'cpu'):.2f} | {median(runs, 'rss_mb'):.0f} | "
            f"| {len(rebuilt[0].reread)}: {' / '.join(sorted(reread))} | {written:.0f} |"
        )
    return lines


def outcomes(measures: Measures) -> list[str]:
    """Every build's exit status, warnings and entries shown, that the times are of
    working builds: a failed build is fast."""
    runs = {name: runs[0] for name, runs in measures.clean.items()}
    runs |= {name: rebuilt[0].run for name, rebuilt in measures.rebuilds.items()}
    lines = [
        "| build | exit status | warnings | entries shown | error |",
        "|---|---:|---:|---:|---|",
    ]
    for name, run in runs.items():
        error = run.error.replace("|", "\\|")
        lines.append(f"| {name} | {run.returncode} | {run.warnings} | {run.entries} | {error} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--output", type=Path, default=HERE / "LAB.md")
    parser.add_argument("--work", type=Path, default=WORK / "lab", help="where sites are built")
    args = parser.parse_args()

    members = lab(args.people)
    bib = lab_bib(args.entries, members).encode()
    started = datetime.datetime.now(datetime.UTC)
    measures = measure(members, bib, args.reps, args.work)
    command = f"python benchmarks/lab.py --reps {args.reps}"
    if (args.people, args.entries) != (60, 10_000):
        command += f" --people {args.people} --entries {args.entries}"
    report = [
        "# Lab benchmark results",
        "",
        f"Measured {started:%Y-%m-%d} with `{command}`: a lab of {args.people} people "
        f"and the single-person site on the same {args.entries:,}-entry bibliography; "
        f"medians of {args.reps} repetitions of a whole `sphinx-build -q -b html` process, "
        "wall-clock and CPU (user + system); memory is its peak resident set.",
        "",
        *machine(args.work),
        f"- Load: the 1-minute load average after each build was {min(LOADS):.1f} to "
        f"{max(LOADS):.1f} (median {statistics.median(LOADS):.1f})",
        "",
        "<!-- results-table -->",
        *table(measures),
        "<!-- end-results-table -->",
        "",
        "Every build (the first repetition):",
        "",
        *outcomes(measures),
        "",
    ]
    args.output.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
