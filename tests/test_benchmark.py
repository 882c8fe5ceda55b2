"""The benchmark script reproduces its table end to end on a small file.

Timings are printed by the script, never asserted: they belong to the machine. What
is asserted is that every row is there and the counts that do not depend on the
machine: entries shown, and the paper files each build wrote.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    # a page, a .bib and a .ris per entry; an unrelated edit writes none of them; a
    # rewritten list page writes its 30 pages again; a title edit also that entry's files
    assert paper_files_written(report, "clean (s)") == "90"
    assert paper_files_written(report, "unrelated (s)") == "0"
    assert paper_files_written(report, "list page (s)") == "30"
    assert paper_files_written(report, "bib edit (s)") == "32"


def test_benchmark_times_hugo_on_the_same_entries(benchmark: tuple[str, Path]) -> None:
    report, _ = benchmark
    if not shutil.which("hugo"):
        assert "Hugo is not installed, so its rows are left out." in report
        return
    assert "- hugo v" in report  # its version, with the others
    assert re.search(r"\| synthetic-30(?: \| [\d.]+){6} \| 30 \|", report)
    assert "| synthetic-30 | Hugo | 0 | 0 | 30 |  |" in report
