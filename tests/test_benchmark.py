"""The benchmark script reproduces its table end to end on a small file.

Timings are printed by the script, never asserted: they belong to the machine. What
is asserted is that every row is there and the counts that do not depend on the
machine: entries shown, and the paper files each build wrote.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The report of one repetition on a 30-entry file, and the folder of its sites."""
    work = tmp_path_factory.mktemp("benchmark")
    output = work / "RESULTS.md"
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "30"]
    command += ["--reps", "1", "--no-real", "--output", str(output), "--work", str(work)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return output.read_text(), work


def test_benchmark_writes_every_row_for_both_tools(benchmark: tuple[str, Path]) -> None:
    report, work = benchmark
    measures = [
        "clean (s)",
        "unrelated (s)",
        "list page (s)",
        "bib edit (s)",
        "peak memory (MB)",
        "clean, ours with the peer's content (s)",
        "peak memory, ours with the peer's content (MB)",
        "peak memory, Sphinx alone writing our page (MB)",
    ]
    for measure in measures:
        row = rf"\| synthetic-30 \| {re.escape(measure)} \| [\d.]+ \| [\d.]+ \| [\d.]+ \|"
        assert re.search(row, report), measure
    # every tool built the site and showed every entry, without a warning
    assert "| synthetic-30 | ours | 0 | 0 | 30 |  |" in report
    assert "| synthetic-30 | peer | 0 | 0 | 30 |  |" in report
    assert "| synthetic-30 | ours, paper pages | 0 | 0 | 30 |  |" in report
    assert (work / "raw.json").is_file()


def paper_files_written(report: str, measure: str) -> str:
    """The last cell of a measure's row in the paper-pages table."""
    cells = r"(?: \| [\d.]+){6}"
    found = re.search(rf"\| synthetic-30 \| {re.escape(measure)}{cells} \| (\d+) \|", report)
    assert found, measure
    return found.group(1)


def test_benchmark_counts_the_paper_files_each_build_wrote(benchmark: tuple[str, Path]) -> None:
    report, _ = benchmark
    # a page, a .bib and a .ris per entry; an unrelated edit writes none of them, nor
    # does a rewritten list page (its entries came out the same); a title edit writes
    # that entry's three files only
    assert paper_files_written(report, "clean (s)") == "90"
    assert paper_files_written(report, "unrelated (s)") == "0"
    assert paper_files_written(report, "list page (s)") == "0"
    assert paper_files_written(report, "bib edit (s)") == "3"


def test_benchmark_times_hugo_on_the_same_entries(benchmark: tuple[str, Path]) -> None:
    report, _ = benchmark
    if not shutil.which("hugo"):
        assert "Hugo is not installed, so its rows are left out." in report
        return
    assert "- hugo v" in report  # its version, with the others
    assert re.search(r"\| synthetic-30(?: \| [\d.]+){6} \| 30 \|", report)
    assert "| synthetic-30 | Hugo | 0 | 0 | 30 |  |" in report


def test_hugo_site_has_a_page_of_front_matter_per_entry(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@phdthesis{marsh:2020, title = {Flows {\\&} Priors}, author = {Marsh, Elena and"
        ' M{\\"u}ller, J{\\"o}rg}, school = {Example University}, year = {2020},'
        " abstract = {We study </p><script>x</script>.}}\n",
        encoding="utf-8",
    )
    site = tmp_path / "hugo"
    command = [sys.executable, str(REPO / "benchmarks" / "hugo_site.py"), str(bib), "-o", str(site)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    # the key is not URL-safe, so the page has the slug our paper page has
    (page,) = (site / "content" / "papers").glob("marsh-2020-*.md")
    assert json.loads(page.read_text(encoding="utf-8")) == {
        "title": "Flows & Priors",
        "authors": ["Elena Marsh", "Jörg Müller"],
        "venue": "PhD thesis, Example University",
        "year": "2020",
        "abstract": "We study </p><script>x</script>.",
    }
    assert json.loads((site / "content" / "papers" / "_index.md").read_text()) == {
        "title": "Publications"
    }
    if shutil.which("hugo"):  # and Hugo writes the abstract as text
        build = ["hugo", "--quiet", "--source", str(site), "--cacheDir", str(tmp_path / "cache")]
        subprocess.run(build, capture_output=True, timeout=60, check=True)
        html = (site / "public" / "papers" / f"{page.stem}.html").read_text(encoding="utf-8")
        assert "<script>" not in html
        assert "We study &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;." in html


def test_lab_benchmark_rows_and_what_editing_one_person_reads(tmp_path: Path) -> None:
    output = tmp_path / "LAB.md"
    command = [sys.executable, str(REPO / "benchmarks" / "lab.py"), "--people", "6"]
    command += ["--entries", "60", "--reps", "1", "--output", str(output), "--work", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    report = output.read_text()
    number = r"[\d.]+"
    for site in ["single person", "lab", "lab, paper pages on"]:
        row = rf"\| {re.escape(site)} \| clean \| {number} \| {number} \| {number} \| {number} \|"
        assert re.search(row, report), site
    # one person's file: the people page (it draws every person page) and the list
    # linking their names; the person pages are written with the people page
    assert re.search(
        r"\| lab \| rebuild after editing one person's file \|.*"
        r"\| 2: people, publications \| (\d+) \|",
        report,
    )
    for site in ["single person", "lab"]:
        unrelated = rf"\| {site} \| rebuild after an unrelated edit \|.*\| 1: about \|"
        assert re.search(unrelated, report), site
    # every build worked and showed all entries
    for build in re.findall(r"^\| (.+) \| (\d+) \| (\d+) \| (\d+) \|  \|$", report, flags=re.M):
        assert build[1:] == ("0", "0", "60"), build
    assert len(re.findall(r"^\| .+ \| 0 \| 0 \| 60 \|  \|$", report, flags=re.M)) == 6
    # the members are authors under their variant spellings, and matched as members
    html = (tmp_path / "lab" / "html" / "publications.html").read_text()
    bib = (tmp_path / "lab" / "src" / "refs.bib").read_text()
    people = [
        yaml.safe_load(path.read_text()) for path in (tmp_path / "lab" / "src").glob("people/*")
    ]
    names = [name for person in people for name in [person["name"], *person.get("aliases", [])]]
    assert any("aliases" in person for person in people)
    assert sum(bib.count(name.split()[-1]) for name in names) == html.count("sp-author sp-member")
