"""Shared fixtures: Sphinx's own testing fixtures, our test roots, HTML parsing, and a
local server answering for the scholarly services."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from sphinx_profile.net.client import SERVICES

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
#: Real files researchers wrote, kept outside the repository (their licences are unknown
#: or unchecked): ``../shared/realworld`` next to the checkout, or the folder named by
#: ``SPHINX_PROFILE_REALWORLD``. Tests reach them only through ``realworld()`` or
#: ``realworld_files()``, which skip with a reason where they are absent, as in a
#: plain clone or the sdist.
REALWORLD = Path(
    os.environ.get("SPHINX_PROFILE_REALWORLD") or Path(__file__).parents[2] / "shared" / "realworld"
)
#: The real-world files whose licence allows a copy (see SOURCES.md there): always here.
COPIES = Path(__file__).parent / "data" / "realworld"
ABSENT = f"the real-world files are not in {REALWORLD} (set SPHINX_PROFILE_REALWORLD)"


def realworld(name: str | None = None) -> Path:
    """The real-world file ``name``, its copy in the repository where there is one; with
    no name, the whole folder. Skips the calling test when the file is not here."""
    if name is not None and (COPIES / name).is_file():
        return COPIES / name
    path = REALWORLD if name is None else REALWORLD / name
    if not path.exists():
        pytest.skip(ABSENT if name is None else f"needs {name}: {ABSENT}")
    return path


def realworld_files(pattern: str) -> list[Any]:
    """The real-world files matching ``pattern`` as parameters named by their stem: the
    copies always, the others where the folder is here, and else one skipped parameter
    that says why (an empty parameter set would pass without a word)."""
    copies = sorted(COPIES.glob(pattern))
    others = sorted(p for p in REALWORLD.glob(pattern) if not (COPIES / p.name).is_file())
    params = [pytest.param(path, id=path.stem) for path in [*copies, *others]]
    if not REALWORLD.is_dir():
        params.append(pytest.param(None, id="realworld", marks=pytest.mark.skip(reason=ABSENT)))
    return params


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


def html(app: object, docname: str) -> BeautifulSoup:
    """The built page ``docname`` of a Sphinx test app, parsed."""
    outdir = Path(app.outdir)  # type: ignore[attr-defined]
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


#: Every builder besides html that Sphinx ships and a site might use.
OTHER_BUILDERS = ("text", "singlehtml", "dirhtml", "epub", "man", "latex", "texinfo")


def output_text(builder: str, outdir: Path) -> str:
    """Everything a builder wrote that a reader sees, as one string."""
    patterns = {
        "text": "*.txt",
        "man": "*.1",
        "latex": "*.tex",
        "texinfo": "*.texi",
        "epub": "*.xhtml",
        "singlehtml": "*.html",
        "dirhtml": "**/*.html",
    }
    files = sorted(outdir.glob(patterns[builder]))
    assert files, f"{builder} wrote nothing"
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


# a local server for the commands that ask services ------------------------------------


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: seconds to wait before answering (a slow service)
    delay: float = 0.0


@dataclass
class Server:
    """Answers by request path (arXiv: ``arxiv:`` and the id list); a list of answers
    is given out in order, the last one again; what was asked is kept."""

    url: str
    routes: dict[str, Answer | list[Answer]]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    #: the bodies of POST requests, in order
    posted: list[bytes] = field(default_factory=list)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            route = parts.path
            if route == "/api/query":
                route = "arxiv:" + parse_qs(parts.query)["id_list"][0]
            server.requests.append((self.path, dict(self.headers)))
            if self.command == "POST":
                server.posted.append(self.rfile.read(int(self.headers["Content-Length"])))
            answers = server.routes.get(route, Answer(404, b"Resource not found."))
            answer = answers.pop(0) if isinstance(answers, list) and len(answers) > 1 else answers
            if isinstance(answer, list):
                answer = answer[0]
            time.sleep(answer.delay)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_POST = do_GET  # noqa: N815 - the name http.server calls

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Server]:
    """A local server standing in for every service, with an empty cache."""
    server = Server("", {})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    for variable, _ in SERVICES.values():
        monkeypatch.setenv(variable, server.url)
    monkeypatch.setenv("SPHINX_PROFILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SPHINX_PROFILE_MAILTO", raising=False)
    yield server
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def recorded(name: str, status: int = 200) -> Answer:
    return Answer(status, realworld(f"api/{name}").read_bytes())


def copy_root(tmp_path: Path, name: str) -> Path:
    """A copy of the test root ``tests/roots/test-<name>``, for a test that edits or
    builds it with its own settings."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(make_app: Any, srcdir: Path, builder: str = "html", **overrides: object) -> Any:
    """Build ``srcdir``; the app and its warnings without colours."""
    from sphinx.util.console import strip_colors

    app = make_app(builder, srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app, strip_colors(app.warning.getvalue())
