"""The example site's CV page becomes a PDF through ``sphinx-build -M latexpdf``.

Needs a TeX distribution (``latexmk`` and ``pdflatex``) and poppler's
``pdftotext``; CI installs both, elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
MISSING = [tool for tool in ("latexmk", "pdflatex", "pdftotext") if shutil.which(tool) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"needs TeX and poppler; missing: {MISSING}")
def test_example_site_cv_pdf(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(REPO / "example_site", srcdir, ignore=shutil.ignore_patterns("_build"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "WARNING" not in build.stderr
    pdf = tmp_path / "out" / "latex" / "elena-marsh-cv.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # the header: the profile card, no title page, no table of contents
    assert next(line for line in lines if line) == "Elena Marsh (she/her)"
    assert "Contents" not in text
    # every CV section, with dates on the entry's line (flush right in the layout)
    for line in (
        "PhD in Informatics Sep 2015 – Dec 2019",
        "Assistant Professor of Computer Science Jul 2022 – present",
        "Physically consistent precipitation emulators Jan 2025 – Dec 2029",
        "Early Career Researcher Award May 2024",
        "Emulators forecasters can trust Sep 2024",
        "CS 4820 Machine Learning for the Earth Sciences Fall 2022, 2023, 2024",
        "Area Chair: NeurIPS, ICLR 2023 – present",
        "Machine learning: probabilistic deep learning, normalising flows, Gaussian processes",
        "English (Native)",
    ):
        assert line in lines, line
    for heading in ("EDUCATION", "EXPERIENCE", "GRANTS", "TEACHING", "SERVICE", "SKILLS"):
        assert any(heading in line.upper() for line in lines if len(line) < 30), heading
    # the HTML-only news block stays out of the PDF
    assert "Recent news" not in text
    assert text.count("\f") == 2, "a two-page CV"
