"""A publication's local files (preview, pdf, slides, poster) are copied into the site.

``tests/roots/test-paper-files`` is laid out as al-folio lays out a site: the
``.bib`` file in ``_bibliography/``, previews in ``assets/img/publication_preview/``
and PDFs in ``assets/pdf/``. Two pages show the same entries, so a problem that is
reported per page instead of per entry shows up twice.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sphinx_profile.check import check

from .conftest import ROOTS, build, copy_root, html
from .test_quickstart import conf_values

BIB = "_bibliography/papers.bib"
LOOKED = "looked in _bibliography, assets/img/publication_preview, assets/pdf, the source folder"


def site(tmp_path: Path) -> Path:
    return copy_root(tmp_path, "paper-files")


def test_local_files_are_copied_and_linked(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path))
    outdir = Path(app.outdir)
    for page in ("index", "again"):
        entry = html(app, page).select_one("#local2023")
        assert entry.select_one("img.sp-preview")["src"] == "_images/wave.png"
        buttons = {a.get_text(): a["href"] for a in entry.select(".sp-links a")}
        assert re.fullmatch(r"_downloads/[0-9a-f]+/paper\.pdf", buttons["PDF"]), buttons
        assert re.fullmatch(r"_downloads/[0-9a-f]+/talk\.pdf", buttons["Slides"]), buttons
        assert buttons["Poster"] == "https://example.org/poster.pdf"  # a URL stays a link
        assert (outdir / buttons["PDF"]).read_bytes().startswith(b"%PDF-1.4 the paper")
        assert (outdir / buttons["Slides"]).read_bytes().startswith(b"%PDF-1.4 the talk")
    assert (outdir / "_images" / "wave.png").is_file()


def test_a_missing_file_is_one_warning_at_the_entry(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path))
    for field, name in (("preview", "brownian-motion.gif"), ("pdf", "gone.pdf")):
        message = f"{BIB}:12: WARNING: missing2022: {field} '{name}' not found ({LOOKED})"
        assert warnings.count(message) == 1, warnings  # two pages show it
    entry = html(app, "index").select_one("#missing2022")
    assert entry.select("img") == []
    assert entry.select(".sp-links a") == []  # no dead link to gone.pdf


def test_a_file_added_later_is_found_by_the_next_build(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    build(make_app, srcdir)
    shutil.copy(srcdir / "assets/pdf/talk.pdf", srcdir / "assets/pdf/gone.pdf")
    app, warnings = build(make_app, srcdir)
    assert "gone.pdf" not in warnings
    buttons = html(app, "index").select("#missing2022 .sp-links a")
    assert [a.get_text() for a in buttons] == ["PDF"]


def test_profile_paper_dirs_names_the_folders(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    (srcdir / "figures").mkdir()
    shutil.copy(srcdir / "assets/pdf/talk.pdf", srcdir / "figures/gone.pdf")
    app, warnings = build(make_app, srcdir, profile_paper_dirs=["figures"])
    assert "gone.pdf" not in warnings
    [button] = html(app, "index").select("#missing2022 .sp-links a")
    assert button["href"].endswith("/gone.pdf")
    looked = "looked in _bibliography, figures, the source folder"
    # al-folio's folders are no longer searched
    assert f"local2023: preview 'wave.png' not found ({looked})" in warnings


def test_a_file_outside_the_source_folder_is_refused(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    secret = tmp_path / "secret.pdf"
    secret.write_text("the contents of a file outside the project")
    (srcdir / "_bibliography" / "gone.pdf").symlink_to(secret)
    app, warnings = build(make_app, srcdir)
    message = "missing2022: pdf 'gone.pdf' is outside the source folder; not copied"
    assert f"{BIB}:12: WARNING: {message} [profile.bib]" in warnings
    for written in Path(app.outdir).rglob("*"):
        assert not written.is_file() or b"outside the project" not in written.read_bytes()


def test_other_builders_show_the_buttons_as_text(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path), "text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Papers With Their Files" in text
    assert "PDF Slides Poster" in text
    assert "Traceback" not in warnings


def test_check_finds_the_files_the_build_misses(make_app, tmp_path: Path) -> None:
    """``sphinx-profile check`` once printed "0 problems" here."""
    srcdir = site(tmp_path)
    (srcdir / "profile.yaml").write_text("basics:\n  name: Cora Pus\n  image: img/me.jpg\n")
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text() + "\n.. profile::\n")
    _, warnings = build(make_app, srcdir)
    built = {
        (str(Path(path).resolve()), int(line), message)
        for path, line, message in re.findall(
            r"^(.+?):(\d+): WARNING: (.*) \[profile\.\w+\]$", warnings, re.MULTILINE
        )
    }
    checked = {
        (str(Path(problem.path).resolve()), problem.line, problem.message)
        for problem in check(srcdir).problems
    }
    assert len(checked) == 3  # the photo, the preview and the pdf
    assert checked == built


def alfolio_repo(tmp_path: Path) -> Path:
    """An al-folio checkout: the .bib file in _bibliography/, every file it names in
    al-folio's folders or beside it."""
    repo = tmp_path / "al-folio"
    shutil.copytree(ROOTS / "test-paper-files", repo, ignore=shutil.ignore_patterns("*.rst"))
    (repo / "conf.py").unlink()
    shutil.copy(
        repo / "assets/img/publication_preview/wave.png",
        repo / "assets/img/publication_preview/brownian-motion.gif",
    )
    shutil.copy(repo / "assets/pdf/talk.pdf", repo / "assets/pdf/gone.pdf")
    return repo


def test_quickstart_copies_the_paper_files(make_app, tmp_path: Path, capsys) -> None:
    from sphinx_profile.cli import main

    repo = alfolio_repo(tmp_path)
    site = tmp_path / "site"
    bib = repo / "_bibliography/papers.bib"
    assert (
        main(["quickstart", str(site), "--no-input", "--name", "Cora Pus", "--bib", str(bib)]) == 0
    )
    assert "not copied" not in capsys.readouterr().err
    for name in ("paper.pdf", "assets/pdf/talk.pdf", "assets/pdf/gone.pdf"):
        assert (site / name).is_file(), name
    assert (site / "assets/img/publication_preview/brownian-motion.gif").is_file()
    _, warnings = build(make_app, site)
    assert "WARNING" not in warnings, warnings
    assert check(site).problems == []


def test_quickstart_copies_no_file_that_is_not_a_paper(tmp_path: Path, capsys) -> None:
    from sphinx_profile.cli import main

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "conf.py").write_text("import os  # theirs, not the new site's\n")
    (repo / "secret.pdf").write_text("outside")
    (repo / "papers").mkdir()
    bib = repo / "papers" / "papers.bib"
    bib.write_text(
        "@article{evil, title={T}, author={Pus, Cora}, year={2023},"
        " pdf={conf.py}, slides={../secret.pdf}}\n"
    )
    site = tmp_path / "site"
    assert (
        main(["quickstart", str(site), "--no-input", "--name", "Cora Pus", "--bib", str(bib)]) == 0
    )
    assert "evil: pdf 'conf.py' is not an image or document; not copied" in capsys.readouterr().err
    assert "theirs" not in (site / "conf.py").read_text()
    assert not (tmp_path / "secret.pdf").exists() or not list(site.rglob("secret.pdf"))


@pytest.mark.parametrize("url", ["https://cora.example.org/", ""])
def test_quickstart_url_gives_paper_pages_the_pdf_address(
    make_app, tmp_path: Path, url: str
) -> None:
    """With --url the site's conf.py has html_baseurl, so a paper page points Google
    Scholar to the copied PDF at its absolute address; without it the page leaves the
    tag out and a local preview builds without the warning (quickstart said so)."""
    from sphinx_profile.cli import main

    bib = alfolio_repo(tmp_path) / BIB
    site = tmp_path / "site"
    flags = ["--url", url] if url else []
    assert (
        main(["quickstart", str(site), "--no-input", "--name", "Cora", "--bib", str(bib), *flags])
        == 0
    )
    conf = conf_values(site)
    assert conf["profile_paper_pages"] is True
    assert conf.get("html_baseurl", "") == url
    app, warnings = build(make_app, site)
    assert "WARNING" not in warnings, warnings
    assert (Path(app.outdir) / "sitemap.xml").is_file() == bool(url)
    tag = html(app, "papers/local2023").select_one('meta[name="citation_pdf_url"]')
    if url:
        assert re.fullmatch(rf"{url}_downloads/[0-9a-f]+/paper\.pdf", tag["content"]), tag
    else:
        assert tag is None


def test_quickstart_without_url_says_what_the_pdfs_need(tmp_path: Path, capsys) -> None:
    from sphinx_profile.cli import main

    bib = alfolio_repo(tmp_path) / "_bibliography/papers.bib"
    assert (
        main(["quickstart", str(tmp_path / "s"), "--no-input", "--name", "C", "--bib", str(bib)])
        == 0
    )
    assert "give --url or set html_baseurl" in capsys.readouterr().err
    assert (
        main(["quickstart", str(tmp_path / "t"), "--no-input", "--name", "C", "--url", "ftp://x"])
        == 2
    )
    assert "must start with https:// or http://" in capsys.readouterr().err
