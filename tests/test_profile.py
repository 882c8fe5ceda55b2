"""The ``profile`` card in rST and MyST, its options, and rebuilds when the data changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_profile.nodes import svg_markup

from .conftest import OTHER_BUILDERS, ROOTS, html, output_text


def card_links(soup, which=0):
    card = soup.select(".sp-profile")[which]
    return {a.get_text(strip=True): a["href"] for a in card.select("a.sp-link")}


@pytest.mark.sphinx("html", testroot="profile")
def test_rst_card(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = html(app, "index")
    card = soup.select_one(".sp-profile")
    assert card.select_one(".sp-name").get_text(strip=True) == "Ada Quantum"
    assert card.select_one(".sp-label").get_text() == "Assistant Professor of Computer Science"
    assert card.select_one(".sp-affiliation").get_text() == "Example University"
    assert card.select_one(".sp-location").get_text() == "Springfield, US"
    photo = card.select_one("img.sp-photo")
    assert photo["src"] == "_images/me.png"
    assert photo["alt"] == "Photo of Ada Quantum"
    assert (Path(app.outdir) / "_images" / "me.png").exists()
    email = card.select_one(".sp-email a")
    assert email.get_text() == "ada@example.edu"
    assert email["href"].replace("%40", "@") == "mailto:ada@example.edu"
    assert card_links(soup) == {
        "CV": "https://ada.example.edu/cv.pdf",
        "Homepage": "https://ada.example.edu",
        "Google Scholar": "https://scholar.google.com/citations?user=abcDEF123",
        "ORCID": "https://orcid.org/0000-0002-1825-0097",
        "GitHub": "https://github.com/adaq",
        "Mastodon": "https://sigmoid.social/@ada",
        "Bluesky": "https://bsky.app/profile/ada.bsky.social",
        "Strava": "https://strava.example.com/ada",
    }
    # every link carries a decorative inline SVG; the text is the accessible name
    for svg in card.select("a.sp-link svg"):
        assert svg["aria-hidden"] == "true"
    bio = card.select_one(".sp-profile-bio")
    assert bio.em.get_text() == "probabilistic programs"
    assert bio.a["href"] == "https://lab.example.edu"
    assert soup.find("link", href=re.compile(r"_static/sphinx_profile\.css"))


@pytest.mark.sphinx("html", testroot="profile")
def test_myst_fences_and_options(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "myst")
    backtick, colon = soup.select(".sp-profile")
    # :fields: chooses and orders; :obfuscate-email: shows no mailto link
    assert [p["class"][0] for p in backtick.select(".sp-profile-text > p")] == [
        "sp-name",
        "sp-email",
        "sp-links",
    ]
    assert backtick.select_one(".sp-email").get_text() == "ada [at] example [dot] edu"
    assert not backtick.select("a[href^=mailto]")
    assert not backtick.select("img")
    # colon fence: :no-photo:, :align: center, MyST content replaces the summary
    assert "sp-align-center" in colon["class"]
    assert not colon.select("img")
    bio = colon.select_one(".sp-profile-bio")
    assert bio.strong.get_text() == "MyST"
    assert bio.a["href"] == "https://example.org/bio"
    assert "probabilistic" not in bio.get_text()


@pytest.mark.sphinx("html", testroot="bad-data")
def test_bad_data_warns_with_location_and_goes_on(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    expected = {
        3: "unknown key 'emial'; did you mean 'email'?",
        9: "education[1].startDate: '2019-13' is not a date",
        10: "education[2] has no 'institution'; entry skipped",
        11: "unknown section 'wrok'; did you mean 'work'?",
    }
    for line, message in expected.items():
        assert re.search(
            rf"profile\.yaml:{line}: WARNING: {re.escape(message)}.*\[profile\.data\]", warnings
        ), (
            line,
            warnings,
        )
    assert re.search(
        r"profile\.yaml:4: WARNING: refusing unsafe URL 'javascript:alert\(1\)'", warnings
    )
    assert re.search(
        r"index\.rst:4: WARNING: profile: unknown field 'sparkles'.*\[profile\.option\]", warnings
    )
    soup = html(app, "index")
    assert soup.select_one(".sp-name").get_text(strip=True) == "Bea Broken"
    assert "javascript" not in str(soup)
    assert "The rest of the page is still here." in soup.get_text()


@pytest.mark.sphinx(
    "html", testroot="bad-data", confoverrides={"suppress_warnings": ["profile.data"]}
)
def test_suppress_data_warnings(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert "profile.yaml" not in warnings
    assert "sparkles" in warnings  # an option problem is another subtype


@pytest.mark.sphinx("html", testroot="profile")
def test_editing_profile_rebuilds_pages_using_it(app: SphinxTestApp, make_app) -> None:
    app.build()
    data = Path(app.srcdir) / "profile.yaml"
    data.write_text(data.read_text().replace("Ada Quantum", "Ada Q. Quantum"))

    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert sorted(read) == ["index", "myst"]
    assert "parsing" in again.status.getvalue()
    assert html(again, "index").select_one(".sp-name").get_text(strip=True) == "Ada Q. Quantum"

    untouched = make_app("html", srcdir=app.srcdir, freshenv=False)
    read.clear()
    untouched.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    untouched.build()
    assert read == []
    assert "checking profile data... up to date" in untouched.status.getvalue()


def copy_root(tmp_path: Path, conf: str = "") -> Path:
    """A copy of the profile test root, with ``conf`` added to its ``conf.py``."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    with (srcdir / "conf.py").open("a") as conf_py:
        conf_py.write(conf)
    return srcdir


CUSTOM_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><path d="M{0}"/></svg>'


def test_other_data_photo_and_link_icons(make_app, tmp_path: Path) -> None:
    """``:data:``, ``:photo:``; ``profile_link_icons`` replaces and adds icons."""
    srcdir = copy_root(
        tmp_path,
        "profile_link_icons = {\n"
        "    'Codeberg': 'icons/codeberg.svg',\n"
        f"    'github': '{CUSTOM_SVG.format(2)}',\n"
        f"    'Google Scholar': '{CUSTOM_SVG.format(3)}',\n"
        "    'gitea': 'icons/missing.svg',\n"
        "}\n",
    )
    (srcdir / "people").mkdir()
    (srcdir / "people" / "bo.yaml").write_text(
        "basics:\n  name: Bo Other\n  image: ../img/me.png\n  profiles:\n"
        "    - {network: Codeberg, url: 'https://codeberg.org/bo'}\n"
        "    - {network: GitHub, username: bo}\n"
        "    - {network: Google Scholar, url: 'https://scholar.example.org/bo'}\n"
        "    - {network: Gitea, url: 'https://gitea.example.org/bo'}\n"
    )
    (srcdir / "other.rst").write_text(
        "Other\n=====\n\n.. profile::\n   :data: people/bo.yaml\n\n"
        ".. profile::\n   :data: /people/bo.yaml\n   :photo: img/me.png\n   :fields: photo, name\n"
    )
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text() + "   other\n")
    (srcdir / "icons").mkdir()
    (srcdir / "icons" / "codeberg.svg").write_text(CUSTOM_SVG.format(1))
    app = make_app("html", srcdir=srcdir)  # run from another folder: paths are conf.py's
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        rf"conf\.py:4: WARNING: profile_link_icons: cannot read the icon for 'gitea' from "
        rf"'{re.escape(str(srcdir / 'icons' / 'missing.svg'))}'.*\[profile\.option\]",
        warnings,
    )
    assert len(warnings.strip().splitlines()) == 1
    soup = html(app, "other")
    first, second = soup.select(".sp-profile")
    assert first.select_one(".sp-name").get_text(strip=True) == "Bo Other"
    assert first.select_one("img.sp-photo")["src"] == "_images/me.png"
    icons = {
        a.get_text(strip=True): a.svg.path["d"] if a.svg.path else a.svg
        for a in first.select("a.sp-link")
    }
    assert icons["Codeberg"] == "M1"  # added from a file
    assert icons["GitHub"] == "M2"  # replaced by markup
    assert icons["Google Scholar"] == "M3"  # keyed by the network's name
    assert "sp-icon" in first.select_one("a.sp-link svg")["class"]
    # an unreadable icon falls back to the generic one
    generic = BeautifulSoup(svg_markup("generic", {}), "html.parser").svg
    assert first.select("a.sp-link")[-1].svg == generic
    # :photo: relative to the page; :fields: leaves out the links
    assert second.select_one("img.sp-photo")["src"] == "_images/me.png"
    assert not second.select("a.sp-link")
    # the home page's GitHub link uses the replaced icon too
    home = html(app, "index").select_one(".sp-profile a.sp-link[href*='github'] svg path")
    assert home["d"] == "M2"


def test_bad_config_values_warn_at_their_line(make_app, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "profile_max_authors = 0\nprofile_owner = 'Ada'\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"conf\.py:4: WARNING: profile_max_authors must be a positive whole number or None;"
        r" using the default None \[profile\.option\]",
        warnings,
    )
    assert re.search(r"conf\.py:5: WARNING: profile_owner must be list or tuple", warnings)
    assert html(app, "index").select_one(".sp-name").get_text(strip=True) == "Ada Quantum"


@pytest.mark.parametrize("builder", OTHER_BUILDERS)
def test_every_builder_renders_the_card(make_app, tmp_path: Path, builder: str) -> None:
    app = make_app(builder, srcdir=copy_root(tmp_path))
    app.build()
    warnings = app.warning.getvalue()
    assert "profile" not in warnings and "Traceback" not in warnings  # epub asks for metadata
    output = output_text(builder, Path(app.outdir))
    for expected in ("Ada Quantum", "Example University", "GitHub", "bio with"):
        assert expected in output, (builder, expected)
    if builder not in ("singlehtml", "dirhtml", "epub"):
        assert "<svg" not in output  # icons are for HTML only


def test_a_photo_that_links_out_of_the_project_is_refused(make_app, tmp_path: Path) -> None:
    """A symlink inside the source folder to a file outside it is outside: Sphinx would
    copy whatever it points to into the site."""
    srcdir = copy_root(tmp_path)
    secret = tmp_path / "id_ed25519"
    secret.write_text("a private key")
    (srcdir / "img" / "face.png").symlink_to(secret)
    profile = (srcdir / "profile.yaml").read_text()
    (srcdir / "profile.yaml").write_text(profile.replace("img/me.png", "img/face.png"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    message = "profile.yaml:4: WARNING: basics.image 'img/face.png' is outside the source folder"
    assert message in strip_colors(app.warning.getvalue())
    assert not [
        path
        for path in Path(app.outdir).rglob("*")
        if path.is_file() and b"a private key" in path.read_bytes()
    ]


def test_a_missing_photo_is_one_warning_at_its_line(make_app, tmp_path: Path) -> None:
    """Found while the profile file is read: once, at ``basics.image``, not per page."""
    srcdir = copy_root(tmp_path)
    profile = (srcdir / "profile.yaml").read_text()
    (srcdir / "profile.yaml").write_text(profile.replace("img/me.png", "img/gone.png"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    message = "profile.yaml:4: WARNING: basics.image 'img/gone.png' not found (looked in"
    assert warnings.count(message) == 1, warnings
    assert "image file not readable" not in warnings  # no image node for Sphinx to miss
    assert html(app, "index").select("img.sp-photo") == []
