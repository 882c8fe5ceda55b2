"""The LaTeX output: publication lists as a CV prints them, and no graphic LaTeX
cannot include. (Turning it into a PDF needs TeX: ``test_cv_pdf.py``.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.util.console import strip_colors

from .conftest import ROOTS

#: The smallest GIF (one pixel): al-folio's previews are animated GIFs.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _tex(app: object) -> str:
    return next(Path(app.outdir).glob("*.tex")).read_text()  # type: ignore[attr-defined]


def test_publist_is_a_list_with_hanging_numbers(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "publist"
    shutil.copytree(ROOTS / "test-publist", srcdir)
    app = make_app("latex", srcdir=srcdir)
    app.build()
    tex = _tex(app)
    start = tex.index(r"\begin{sphinxprofilepublist}")
    first = tex[start : tex.index(r"\end{sphinxuseclass}", start)]  # the page's first publist
    # the numbers the web page shows, counting down across the year groups, in one
    # margin as wide as the widest; each item an anchor for :pub:
    assert re.findall(r"\\item\[\\sphinxprofilenumber\{(\d+)\}\]", first) == list("654321")
    assert first.count(r"\begin{sphinxprofilepublist}{\sphinxprofilenumber{6}}") == 4
    assert r"\phantomsection\label{\detokenize{index:wang2024second}}" in first
    assert r"\hyperref[\detokenize{index:wang2024second}]" in tex
    # one paragraph per entry: title, authors (the owner bold), venue, a short DOI link
    second = first[first.index("index:wang2024second") :].split(r"\item")[0]
    assert second.count(r"\sphinxAtStartPar") == 1
    assert (
        r"\DUrole{sp-title}{A Second Paper in 2024}. \DUrole{sp-author}{Yuqing Wang} and"
        r" \sphinxstylestrong{M. Wang}. \sphinxstyleemphasis{Journal of Examples"
    ) in second
    assert second.split("\n\n")[0].endswith(
        r"\sphinxhref{https://doi.org/10.1000/xyz123}{doi:10.1000/xyz123}"
    )
    assert r"\sphinxhref{https://arxiv.org/abs/2301.01234}{arXiv:2301.01234}" in first
    # the badge styled, not glued to the title as text; no buttons, bullets or blocks
    assert r"\DUrole{sp-badge}{\DUrole{sp-abbr}{NeurIPS}} \DUrole{sp-title}" in first
    for web_only in (
        "{PDF}",
        "{Code}",
        "{Video}",
        "{Website}",
        "sp-actions",
        r"\item {}",
        "BibTeX",
    ):
        assert web_only not in first, web_only
    # an unnumbered list has items without labels
    assert r"\begin{sphinxprofilepublist}{}" + "\n" + r"\item[]\phantomsection" in tex


def test_text_builder_keeps_the_full_entry(make_app, tmp_path: Path) -> None:
    """The print layout is LaTeX's: plain text still lists every link (as linkcheck does)."""
    srcdir = tmp_path / "publist"
    shutil.copytree(ROOTS / "test-publist", srcdir)
    app = make_app("text", srcdir=srcdir)
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text()
    assert "PDF Code" in text and "Website" in text


def test_no_gif_reaches_latex(make_app, tmp_path: Path) -> None:
    """GIF previews (al-folio's) are left out of the PDF; a GIF photo too, with a warning."""
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "anim.gif").write_bytes(GIF)
    (srcdir / "me.gif").write_bytes(GIF)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_profile"]\nprofile_data = "profile.yaml"\n'
        'profile_bibfiles = ["refs.bib"]\n'
    )
    (srcdir / "profile.yaml").write_text("basics:\n  name: Ada Lovelace\n  image: me.gif\n")
    (srcdir / "refs.bib").write_text(
        "@article{a2020,\n  title = {Moving Pictures},\n  author = {Ada Lovelace},\n"
        "  journal = {J},\n  year = {2020},\n  preview = {anim.gif},\n}\n"
    )
    (srcdir / "index.rst").write_text("CV\n==\n\n.. profile::\n\n.. publist::\n")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    tex = _tex(app)
    assert "Moving Pictures" in tex
    assert ".gif" not in tex and r"\sphinxincludegraphics" not in tex
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert [line for line in warnings if "WARNING" in line] == [
        f"{srcdir / 'index.rst'}:4: WARNING: photo 'me.gif' left out of the PDF: LaTeX includes"
        " PNG, JPEG and PDF images (convert it, or add sphinx.ext.imgconverter) [profile.data]"
    ]
    assert not list(Path(app.outdir).glob("*.gif"))  # nor copied beside the .tex


def test_png_photo_stays_in_latex(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "profile"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    app = make_app("latex", srcdir=srcdir)
    app.build()
    assert r"\sphinxincludegraphics{{me}.png}" in _tex(app)
    assert "left out of the PDF" not in app.warning.getvalue()


def test_an_identifier_the_venue_names_is_printed_once(make_app, tmp_path: Path) -> None:
    """Google Scholar's exports put "arXiv preprint arXiv:…" in the journal, and a bare
    preprint's venue is its arXiv id: the short link after it would say it a second time."""
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_profile"]\nprofile_bibfiles = ["pubs.bib"]\n'
    )
    (srcdir / "pubs.bib").write_text(
        "@article{scholar, title={Exported}, author={Ada Lovelace}, year={2024},"
        " journal={arXiv preprint arXiv:2406.12839}, eprint={2406.12839}, archiveprefix={arXiv}}\n"
        "@misc{bare, title={Bare}, author={Ada Lovelace}, year={2023},"
        " eprint={2301.01234}, archiveprefix={arXiv}}\n"
        "@article{published, title={Published}, author={Ada Lovelace}, year={2022},"
        " journal={Journal of Examples}, eprint={2201.00001}, archiveprefix={arXiv}}\n"
    )
    (srcdir / "index.rst").write_text("CV\n==\n\n.. publist::\n")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    tex = _tex(app)
    assert tex.count("arXiv:2406.12839") == 1
    assert "arXiv preprint arXiv:2406.12839" in tex
    # a venue that is only the id gives way to the link, which can be clicked
    assert tex.count("arXiv:2301.01234") == 1
    assert r"\sphinxhref{https://arxiv.org/abs/2301.01234}{arXiv:2301.01234}" in tex
    # a venue that does not name the id keeps the short link
    assert r"\sphinxhref{https://arxiv.org/abs/2201.00001}{arXiv:2201.00001}" in tex
