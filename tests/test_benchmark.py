"""The benchmark script reproduces its table end to end on a small file.

Timings are printed by the script, never asserted: they belong to the machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[1]


def test_benchmark_writes_every_row_for_both_tools(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "30"]
    command += ["--reps", "1", "--no-real", "--output", str(output), "--work", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    report = output.read_text()
    measures = [
        "clean (s)",
        "unrelated (s)",
        "bib edit (s)",
        "peak memory (MB)",
        "clean, ours with the peer's content (s)",
        "peak memory, ours with the peer's content (MB)",
        "peak memory, Sphinx alone writing our page (MB)",
    ]
    for measure in measures:
        row = rf"\| synthetic-30 \| {re.escape(measure)} \| [\d.]+ \| [\d.]+ \| [\d.]+ \|"
        assert re.search(row, report), measure
    # both tools built the site and showed every entry, without a warning
    assert "| synthetic-30 | ours | 0 | 0 | 30 |  |" in report
    assert "| synthetic-30 | peer | 0 | 0 | 30 |  |" in report
    assert (tmp_path / "raw.json").is_file()
