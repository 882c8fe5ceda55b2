"""Every field of a real profile file reaches the site ``quickstart --from`` makes of it.

The docs promise that an importer drops nothing silently. These tests hold each
importer to it on the real files users bring: they walk every text leaf of the source
file and look for it, or for its documented rendering (a date as "Sep 2018", Markdown
as its text and link, a URL or an e-mail address as a link target), in the built
HTML of the new site. What is deliberately not shown is listed per file with the
reason, so a leaf that goes missing without a reason fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from sphinx_profile.cli import main
from sphinx_profile.data.dates import parse_date
from sphinx_profile.data.loader import load_file
from sphinx_profile.directives.cv import localized

from .conftest import realworld

#: Not content, in any file: JSON Resume's header and the schema a file declares.
NOT_CONTENT = {
    "$schema": "the schema the file declares",
    "meta": "JSON Resume's header (version, canonical URL, last modified)",
}
#: A JSON Resume's details a homepage keeps private: the profile card shows the city
#: and region, not a street address or a phone number (they stay in the data file).
PRIVATE = {
    "basics.phone": "not on the card",
    "basics.location.address": "not on the card",
    "basics.location.postalCode": "not on the card",
}
#: Hugo Blox's page decorations: the icon of a link names its network (the card draws
#: its own icon), the others only style the Hugo page.
HUGO_LAYOUT = {
    "schema": "the file's format",
    "slug": "the file's name in the Hugo site",
    "links[*].icon": "names the network of the link, shown as our icon",
    "links[*].label": "a mailto: link becomes basics.email, shown with its own label",
    "status.icon": "the emoji beside the Hugo avatar; noted",
    "postnominals": "noted: 'add them to name if you want them shown'",
    "name.given": "with name.family, an alias that highlights the owner in author lists",
    "name.family": "see name.given",
    "name.pronunciation": "noted; the schema has no pronunciation",
    "education[*].button.icon": "a button's icon",
    "experience[*].button.icon": "a button's icon",
    "awards[*].icon": "an award's icon",
    "skills[*].color": "a skill bar's colour",
    "skills[*].color_border": "a skill bar's colour",
}
#: file -> {leaf path (``a.b[0].c``, ``[*]`` for every index) -> why it is not shown}.
NOT_SHOWN: dict[str, dict[str, str]] = {
    "academicpages_cv.json": {
        "portfolio[*].category": "the name of academicpages' Jekyll collection",
        "portfolio[*].description": "HTML (<br/><img>), never copied from data; noted",
    },
    "hugoblox_academic-cv_me.yaml": HUGO_LAYOUT
    | {
        # links into the Hugo site itself (/resume.pdf, /) would be dead; noted
        "education[0].button": "a link into the Hugo site; noted",
        "experience[0].button": "a link into the Hugo site; noted",
    },
    "hugoblox_resume_me.yaml": HUGO_LAYOUT,
    "jsonresume_real_0xadada_resume.json": PRIVATE,
    "jsonresume_sample.resume.json": NOT_CONTENT
    | PRIVATE
    | {
        "basics.profiles[0].network": "drawn as the X icon (Twitter is X now)",
        "basics.profiles[0].username": "the profile has a url, which the icon links",
    },
    "rendercv_John_Doe_ClassicTheme_CV.yaml": {
        "cv.sections.Welcome to RenderCV": "RenderCV's own tutorial text; noted",
        "cv.sections.patents": "no patents section in the schema; noted",
        "design": "RenderCV's PDF layout; noted",
        "locale": "RenderCV's PDF wording; noted",
        "settings": "RenderCV's PDF settings; noted",
    },
}
#: file -> {leaf path -> how the site writes it}, where that is not the text or a date.
RENDERED: dict[str, dict[str, Callable[[str], str]]] = {
    # a course's date becomes its term, by year (documented on the migrating page)
    "academicpages_cv.json": {"teaching[*].date": lambda date: date[:4]},
}

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
#: A word of text: the Markdown and HTML around words (``*``, ``_``, ``-`` bullets, an
#: e-mail address the HTML writer splits into spans), and typography, are not compared.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> str:
    return " ".join(_WORD.findall(text))


def leaves(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every non-empty text leaf, with list indices written ``[i]``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    elif isinstance(value, str) and value.strip():
        yield path, value


def matches(path: str, pattern: str) -> bool:
    """Whether ``pattern`` names the leaf ``path`` or a mapping or list above it; ``[*]``
    in the pattern stands for any index."""
    generic = re.sub(r"\[\d+\]", "[*]", path)
    return any(
        candidate == pattern or candidate.startswith((f"{pattern}.", f"{pattern}["))
        for candidate in (path, generic)
    )


class Site:
    """The built pages of a site as a reader sees them: the words and the link targets."""

    def __init__(self, outdir: Path) -> None:
        texts, targets = [], set()
        for page in sorted(outdir.glob("*.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for script in soup.find_all(["script", "style"]):
                script.decompose()  # JSON-LD holds the data, but no reader sees it
            texts.append(soup.get_text(" "))
            targets |= {unquote(str(a["href"])) for a in soup.find_all("a", href=True)}
        self.words = f" {words(' '.join(texts))} "
        self.targets = targets

    def shows(self, leaf: str) -> bool:
        """Whether the leaf, or the way the site renders it, is on a page: its words in
        the text (a Markdown link's text, with its target linked), the leaf as a link
        target, or a date as the CV writes it ("2018-09": "Sep 2018")."""
        if any(leaf.strip() in target for target in self.targets):
            return True
        date = parse_date(leaf.strip())
        if date is not None:
            return f" {words(date.format('%b %Y', localized('en')))} " in self.words
        links = _MARKDOWN_LINK.findall(leaf)
        text = words(_MARKDOWN_LINK.sub(r"\1", leaf))
        return f" {text} " in self.words and all(url in self.targets for _, url in links)


REAL_FILES = [
    "academicpages_cv.json",
    "hugoblox_academic-cv_me.yaml",
    "hugoblox_resume_me.yaml",
    "jsonresume_real_0xadada_resume.json",
    "jsonresume_sample.resume.json",
    "rendercv_John_Doe_ClassicTheme_CV.yaml",
]


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_field_of_a_real_file_is_on_the_site(
    tmp_path: Path, make_app, name: str, capsys
) -> None:
    source = realworld(name)
    site = tmp_path / "site"
    assert main(["quickstart", str(site), "--no-input", "--from", str(source)]) == 0
    app = make_app("html", srcdir=site)
    app.build()
    built = Site(Path(app.outdir))
    allowed = NOT_SHOWN[name]
    rendered = RENDERED.get(name, {})
    missing = []
    for path, text in leaves(load_file(source).data):
        render = next((f for pattern, f in rendered.items() if matches(path, pattern)), None)
        if render is not None:
            text = render(text)
        if not any(matches(path, pattern) for pattern in allowed) and not built.shows(text):
            missing.append(f"{path}: {text!r}")
    assert missing == [], "\n".join(missing)


#: The smallest valid GIF: al-folio's previews are GIFs.
GIF = bytes.fromhex("47494638396101000100000000003b")


def alfolio_checkout(root: Path) -> Path:
    """al-folio's own layout: the bib in ``_bibliography/``, the files its entries name
    in ``assets/img/publication_preview/`` and ``assets/pdf/``; the bib's path."""
    text = realworld("al-folio_papers.bib").read_text(encoding="utf-8")
    bib = root / "_bibliography" / "papers.bib"
    bib.parent.mkdir(parents=True)
    bib.write_text(text, encoding="utf-8")
    for folder, field, content in (
        ("assets/img/publication_preview", "preview", GIF),
        ("assets/pdf", "pdf", b"%PDF-1.4\n"),
    ):
        (root / folder).mkdir(parents=True)
        for name in set(re.findall(rf"\b{field}=\{{(.+?)\}}", text)):
            (root / folder / name).write_bytes(content)
    return bib


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_file_and_al_folio_bib_build_with_no_warnings(
    tmp_path: Path, make_app, name: str
) -> None:
    """Migration needs no edits: ``quickstart --from FILE --bib`` an al-folio checkout's
    bib, then a build with no warning at all (previews and PDFs found and copied)."""
    source, bib = realworld(name), alfolio_checkout(tmp_path / "al-folio")
    site = tmp_path / "site"
    assert (
        main(["quickstart", str(site), "--no-input", "--from", str(source), "--bib", str(bib)]) == 0
    )
    app = make_app("html", srcdir=site)
    app.build()
    assert app.warning.getvalue() == ""
    assert list(Path(app.outdir, "_images").glob("*.gif"))
