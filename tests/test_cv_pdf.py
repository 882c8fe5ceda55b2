"""The example site's CV page becomes a PDF through ``sphinx-build -M latexpdf``.

Needs a TeX distribution (``latexmk`` and ``pdflatex``) and poppler's
``pdftotext``; CI installs both, elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REALWORLD
from .test_latex import GIF

REPO = Path(__file__).parents[1]
ALFOLIO = REALWORLD / "al-folio_papers.bib"
MISSING = [tool for tool in ("latexmk", "pdflatex", "pdftotext") if shutil.which(tool) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"needs TeX and poppler; missing: {MISSING}")
def test_example_site_cv_pdf(tmp_path: Path) -> None:
    text = _build_pdf(REPO / "example_site", tmp_path, "elena-marsh-cv")
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
    assert text.count("\f") == 3, "a three-page CV"


@pytest.mark.skipif(bool(MISSING), reason=f"needs TeX and poppler; missing: {MISSING}")
def test_example_site_cv_pdf_lists_publications(tmp_path: Path) -> None:
    """Publications as a CV lists them: hanging numbers counting down, one paragraph
    per entry, the owner in bold, short DOI/arXiv links, no buttons as words."""
    text = _build_pdf(REPO / "example_site", tmp_path, "elena-marsh-cv")
    numbered = re.findall(r"^ *\[(\d+)\] ", text, flags=re.MULTILINE)
    assert numbered == [str(number) for number in range(12, 0, -1)]
    assert "[10] Cheap Ensembles: Uncertainty Quantification for Climate Emulators" in text
    assert "doi:10.0000/example.2024.004121" in text
    for button in ("DOI", "Website", "PDF", "Code"):
        assert not re.search(rf"\b{button}\b", text), button
    tex = (tmp_path / "out" / "latex" / "elena-marsh-cv.tex").read_text()
    assert r"\sphinxstylestrong{Elena Marsh}, \DUrole{sp-author}{Amélie Dubois}" in tex
    assert r"\DUrole{sp-badge}{\DUrole{sp-abbr}{ICML}}" in tex


@pytest.mark.skipif(bool(MISSING), reason=f"needs TeX and poppler; missing: {MISSING}")
@pytest.mark.skipif(not ALFOLIO.exists(), reason=f"needs the real-world files: {ALFOLIO}")
def test_alfolio_gif_previews_do_not_stop_the_pdf(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    shutil.copy(ALFOLIO, srcdir / "papers.bib")
    for preview in set(re.findall(r"preview=\{(.+?)\}", ALFOLIO.read_text())):
        (srcdir / preview).write_bytes(GIF)  # where the previews are found
    for paper in set(re.findall(r"pdf=\{(.+?)\}", ALFOLIO.read_text())):
        (srcdir / paper).write_bytes(b"%PDF-1.4\n")  # and the paper files
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_profile"]\nprofile_bibfiles = ["papers.bib"]\n'
        'latex_documents = [("index", "papers.tex", "Papers", "A", "howto")]\n'
        'latex_elements = {"fontpkg": r"\\usepackage{lmodern}"}\n'  # as the example site
    )
    (srcdir / "index.rst").write_text("Papers\n======\n\n.. publist::\n")
    text = _build_pdf(srcdir, tmp_path, "papers")
    assert "Investigations on the Theory of the Brownian Movement" in " ".join(text.split())


def _build_pdf(srcdir: Path, tmp_path: Path, name: str) -> str:
    """``sphinx-build -M latexpdf`` of ``srcdir`` (which must succeed without
    warnings), and the text of ``name.pdf``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "WARNING" not in build.stderr, build.stderr
    pdf = tmp_path / "out" / "latex" / f"{name}.pdf"
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
