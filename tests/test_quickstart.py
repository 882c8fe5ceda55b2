"""Hostile text through ``sphinx-profile quickstart``: every generated file keeps it text.

A name (or position, affiliation, email, URL) comes from the user, a JSON Resume or
the most frequent author of a co-author's BibTeX. Each test writes a site from
values that would break out of a Python string, a docstring, a YAML line, a MyST
heading, LaTeX or a BibTeX field, then reads the files back with their own parsers
(``ast``, ``yaml``, the build's BibTeX reader, Sphinx) and checks the values come
back exactly and that nothing ran or reached the page as markup.
"""

from __future__ import annotations

import ast
import html
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.util import texescape

from sphinx_profile.cli import main
from sphinx_profile.data.bib import parse_bib

from .conftest import html as page

#: Each closes or opens something in one of the generated files' syntaxes; a payload
#: that ran would create MARKER in the folder it runs in.
HOSTILE = {
    "docstring": 'Eve """; __import__("pathlib").Path("MARKER").touch(); """ Doe',
    "single-quotes": "Eve '''; open('MARKER', 'w'); ''' Doe",
    "markup": "Mal `x <javascript:alert(1)>`_ .. raw:: html <script>alert(1)</script>"
    " [y](javascript:alert(2)) {{ x }} {% if 1 %}{% endif %} {raw}`<b>z</b>` *em* # h",
    "tex-and-bib": r"O'Brien & {Ann}} 100% #1 \input{x} $x$ ~^_ and Tom, Jr. \ end",
}
SAMPLE_KEYS = {"example2024conference", "example2022journal"}
#: Sphinx's smart quotes curl the quotes of any text; they are typography, not markup.
STRAIGHT = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


def text(tag: object) -> str:
    """A tag's text as written in the data (quotes straightened, headerlink dropped)."""
    assert tag is not None
    return tag.get_text().translate(STRAIGHT).removesuffix("¶")  # type: ignore[attr-defined]


def conf_values(site: Path) -> dict[str, object]:
    """What ``conf.py`` assigns, read with ``ast.literal_eval``: every statement must be a
    docstring or an assignment of a literal, so no value can be code."""
    docstring, *statements = ast.parse((site / "conf.py").read_text(encoding="utf-8")).body
    assert isinstance(docstring, ast.Expr) and isinstance(docstring.value, ast.Constant)
    values: dict[str, object] = {}
    for statement in statements:
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        (target,) = statement.targets
        assert isinstance(target, ast.Name)
        values[target.id] = ast.literal_eval(statement.value)
    return values


def assert_safe_pages(outdir: Path) -> None:
    """No ``javascript:`` link and no HTML or script of the data on any built page,
    paper pages included (the data is in the JSON-LD scripts, where a ``<`` is written
    ``\\u003c``)."""
    for path in outdir.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for value in tag.attrs.values():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith("javascript:"), (path.name, tag)
        assert not soup.find("b"), path.name
        assert not any("<" in (script.string or "") for script in soup.find_all("script"))


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_flags_stay_text_in_every_file(
    tmp_path: Path, name: str, make_app, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    flags = ["--name", name, "--position", f"P {name}", "--affiliation", f"A {name}"]
    assert main(["quickstart", str(site), "--no-input", *flags, "--email", f"e{name}"]) == 0
    assert not list(tmp_path.rglob("MARKER"))  # `check` ran conf.py already: nothing else

    conf = conf_values(site)
    texescape.init()
    assert conf["author"] == name
    assert conf["project"] == conf["html_title"] == html.escape(name, quote=False)
    assert conf["latex_documents"] == [
        ("cv", "cv.tex", texescape.escape(f"{name} - CV"), texescape.escape(name), "howto")
    ]
    data = yaml.safe_load((site / "profile.yaml").read_text(encoding="utf-8"))
    assert data["basics"] == {
        "name": name,
        "label": f"P {name}",
        "affiliation": f"A {name}",
        "email": f"e{name}",
    }
    assert data["work"][0]["name"] == f"A {name}"
    assert data["work"][0]["position"] == f"P {name}"

    bib, problems = parse_bib(site / "publications.bib")
    assert problems == []
    assert set(bib.entries) == SAMPLE_KEYS  # the name wrote no entry of its own
    for entry in bib.entries.values():
        assert len(entry.authors) == 2 and "Jane Doe" in {a.full for a in entry.authors}

    # the site's theme: the test app would use "basic", which escapes more
    app = make_app("html", srcdir=site, confoverrides={"html_theme": "alabaster"})
    app.build()
    index = page(app, "index")
    assert text(index.select_one("h1")) == name  # the MyST heading, as written
    assert text(page(app, "cv").select_one(".sp-profile .sp-name")).strip() == name
    assert text(index.select_one("h1.logo")).strip() == name  # alabaster's sidebar
    assert name in " ".join(text(index.select_one(".footer")).split())
    assert f"A {name}" in text(page(app, "cv"))
    assert_safe_pages(Path(app.outdir))


def test_bib_owner_that_closes_the_docstring(tmp_path: Path, monkeypatch) -> None:
    """The owner named from a co-author's BibTeX is data like any other."""
    monkeypatch.chdir(tmp_path)
    owner = 'Eve """; __import__("pathlib").Path("MARKER").touch(); """ Doe'
    entries = [
        f"@misc{{k{i}, author = {{{owner} and Other, Ann}}, title = {{T{i}}}, year = {{2020}}}}"
        for i in range(2)
    ]
    bib = tmp_path / "theirs.bib"
    bib.write_text("\n".join(entries) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--bib", str(bib)]) == 0
    assert not list(tmp_path.rglob("MARKER"))
    assert conf_values(site)["author"] == owner
    assert yaml.safe_load((site / "profile.yaml").read_text())["basics"]["name"] == owner


def test_json_resume_fields_and_source_stay_text(tmp_path: Path, make_app, monkeypatch) -> None:
    """A JSON Resume's basics, converted to YAML, and an ORCID iD in the header comment."""
    monkeypatch.chdir(tmp_path)
    basics = {
        "name": HOSTILE["markup"],
        "label": HOSTILE["docstring"],
        "affiliation": HOSTILE["tex-and-bib"],
        "email": 'x@example.org"><script>alert(1)</script>',
        "url": "javascript:alert(1)",
        "summary": "Two lines:\nbasics: {name: Injected}",
    }
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": basics}), encoding="utf-8")
    site = tmp_path / "site"
    args = ["--no-input", "--yaml", "--from", str(source), "--theme", "furo"]
    assert main(["quickstart", str(site), *args]) == 0
    assert not list(tmp_path.rglob("MARKER"))
    assert yaml.safe_load((site / "profile.yaml").read_text())["basics"] == basics
    assert conf_values(site)["author"] == basics["name"]

    app = make_app("html", srcdir=site, confoverrides={"html_theme": "furo"})
    app.build()
    index = page(app, "index")
    assert text(page(app, "cv").select_one(".sp-name")).strip() == basics["name"]
    assert text(index.select_one(".sidebar-brand-text")) == basics["name"]
    assert_safe_pages(Path(app.outdir))


def test_imported_source_is_only_a_comment(tmp_path: Path) -> None:
    """The ``Imported from ...`` header names the source with text from the file."""
    record = {
        "orcid-identifier": {"path": "0000\nbasics: {name: Injected}\nnews: 1"},
        "person": {"name": {"credit-name": {"value": "Orla Cid"}}},
    }
    source = tmp_path / "record.json"
    source.write_text(json.dumps(record), encoding="utf-8")
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--from-orcid", str(source)]) == 0
    data = yaml.safe_load((site / "profile.yaml").read_text())
    assert data["basics"]["name"] == "Orla Cid"
    assert "news" not in data


@pytest.mark.parametrize("char", ["\n", "\r", "\x00", "\t", "\x85", "\u2028", "\ud800"])
@pytest.mark.parametrize("flag", ["--name", "--position", "--affiliation", "--email"])
def test_control_characters_are_refused(tmp_path: Path, capsys, flag: str, char: str) -> None:
    """No escaping makes a line break one line of a heading or a BibTeX name."""
    site = tmp_path / "site"
    args = ["quickstart", str(site), "--no-input", "--name", "Ada Quantum", flag, f"a{char}b"]
    assert main(args) == 2
    assert f"control character U+{ord(char):04X}" in capsys.readouterr().err
    assert not site.exists()


def test_latex_title_and_author_are_escaped(tmp_path: Path, make_app) -> None:
    """``latex_documents`` is LaTeX markup: a name's commands and specials stay text."""
    name = HOSTILE["tex-and-bib"]
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--name", name]) == 0
    app = make_app("latex", srcdir=site)
    app.build()
    tex = (Path(app.outdir) / "cv.tex").read_text(encoding="utf-8")
    texescape.init()
    assert f"\\author{{{texescape.escape(name)}}}" in tex
    assert r"\input{x}" not in tex and "{Ann}}" not in tex


@pytest.mark.parametrize(
    "name",
    ["Tom and Jerry", "Ada, Countess Lovelace", "R&D 100% #1_lab $5", "Plato", "Anne van Berg"],
)
def test_sample_bib_names_the_owner_exactly(tmp_path: Path, name: str) -> None:
    """Separators and specials in a name leave one person, read back as written."""
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--name", name]) == 0
    bib, problems = parse_bib(site / "publications.bib")
    assert problems == []
    first, second = (entry.authors for entry in bib.entries.values())
    assert [a.full for a in first] == [name, "Jane Doe"]
    assert [a.full for a in second] == ["Jane Doe", name]
