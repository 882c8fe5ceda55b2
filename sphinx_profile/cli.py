"""The ``sphinx-profile`` command: ``quickstart`` a new site, ``check`` an existing one,
``add`` publications by DOI or arXiv id, ``sync`` the bib with ORCID, OpenAlex or dblp,
``refresh`` the citation counts, ``import-citations`` from al-folio, ``import-people``
from Hugo Blox or JSON Resumes.

This module only parses arguments, asks questions and prints; the work is done by
:mod:`.quickstart`, :mod:`.check`, :mod:`.importers` (also of citation counts),
:mod:`.add`, :mod:`.sync` and :mod:`.refresh`, which tests call directly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .add import append, prepare
from .check import check
from .data.bib import BibEntry, parse_bib
from .data.metrics import SOURCES
from .importers import Imported, ImportFailedError, read_profile_source
from .importers.bibtex import summarize
from .importers.citations import from_alfolio_citations
from .importers.people import ImportedPeople, import_people, with_pi
from .net.citations import FETCHERS
from .net.client import RETRIES, TIMEOUT, Client, ServiceError, default_cache
from .net.listings import LABELS, fetch_listing, researcher_id
from .quickstart import Site, render_site, write_site
from .refresh import refresh
from .sync import format_report, read_entries, reconcile

#: (flag, basics key, question) for what quickstart asks when not given.
QUESTIONS = (
    ("name", "name", "Your name"),
    ("position", "label", "Position (e.g. Assistant Professor of Physics)"),
    ("affiliation", "affiliation", "Affiliation (e.g. University of Example)"),
    ("email", "email", "Email"),
)

#: Asked after the basics; an empty answer leaves html_baseurl out of conf.py.
URL_QUESTION = "Public URL of the site, if you know it (e.g. https://your-name.github.io/)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 problems, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    status: int = args.run(args)
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-profile",
        description="An academic homepage and CV from one profile file and your BibTeX.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "quickstart",
        help="write a new site",
        description="Write a complete site (pages, profile.yaml, publications.bib, Read the"
        " Docs and make set-up) that builds with no warnings.",
    )
    new.add_argument("dir", type=Path, help="the folder to create (may exist but be empty)")
    for flag, _, question in QUESTIONS:
        new.add_argument(f"--{flag}", help=question)
    new.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE",
        help="start from existing data: a JSON Resume, an ORCID record (JSON), a Hugo Blox"
        " author file or a RenderCV file (the format is detected)",
    )
    new.add_argument(
        "--from-orcid", type=Path, metavar="FILE", help="start from an ORCID record export (JSON)"
    )
    new.add_argument(
        "--yaml",
        action="store_true",
        help="convert a JSON Resume to profile.yaml instead of keeping it unchanged",
    )
    new.add_argument("--bib", type=Path, metavar="FILE", help="your BibTeX file (copied)")
    new.add_argument(
        "--lab",
        action="store_true",
        help="a lab site: people.yaml with you as PI, a people page, a page per person",
    )
    new.add_argument(
        "--people-from",
        type=Path,
        metavar="FOLDER",
        help="with --lab: the people of Hugo Blox author folders or JSON Resumes"
        " (as import-people reads them)",
    )
    new.add_argument(
        "--theme",
        default="furo",
        help="HTML theme (default: furo, with dark mode and a phone layout; alabaster is"
        " built into Sphinx; any installed theme works, e.g. pydata_sphinx_theme)",
    )
    new.add_argument(
        "--url",
        metavar="URL",
        help="the site's public address (html_baseurl), e.g. https://your-name.github.io/;"
        " paper pages point Google Scholar to your PDFs under it",
    )
    new.add_argument(
        "--no-refresh-workflow",
        dest="refresh_workflow",
        action="store_false",
        help="leave out .github/workflows/refresh.yml, the weekly citation count refresh",
    )
    new.add_argument("--no-input", action="store_true", help="ask nothing; use flags and data")
    new.add_argument("--force", action="store_true", help="overwrite existing files")
    new.set_defaults(run=_quickstart)

    validate = commands.add_parser(
        "check",
        help="validate a site's profile, BibTeX and metrics files without building",
        description="Validate the profile file and BibTeX files named by DIR/conf.py (or one"
        " data file), printing each problem as file:line: message. Exit status 1 when"
        " there are problems.",
    )
    validate.add_argument(
        "target", nargs="?", type=Path, default=Path(), help="site folder or data file"
    )
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(run=_check)

    add = commands.add_parser(
        "add",
        help="append BibTeX entries for DOIs and arXiv ids",
        description="Look up each DOI (Crossref, else DataCite) and arXiv id (arXiv API),"
        " show one BibTeX entry per identifier and append them to the bib file. Works the"
        " file already has are refused; nothing is written unless every identifier gives"
        " an entry. The rest of the file stays byte for byte as it was.",
    )
    add.add_argument("ids", nargs="+", metavar="ID", help="a DOI or an arXiv id (or their URLs)")
    add.add_argument(
        "--bib", type=Path, default=Path("publications.bib"), help="default: publications.bib"
    )
    add.add_argument("--yes", action="store_true", help="append without asking")
    _client_options(add)
    add.set_defaults(run=_add)

    sync = commands.add_parser(
        "sync",
        help="reconcile the bib file with your ORCID, OpenAlex or dblp record",
        description="List the works of a researcher's record that the bib file lacks, the"
        " bib entries the record does not list, and matched works whose year, venue or"
        " DOI differ. With --write FILE, put the missing works that have a DOI or an arXiv"
        " id into FILE as sphinx-profile add makes them, for review (nothing is written if"
        " any of them fails). The bib file is never edited.",
    )
    record = sync.add_mutually_exclusive_group(required=True)
    record.add_argument("--orcid", metavar="ID", help="an ORCID iD, e.g. 0000-0002-9341-7985")
    record.add_argument("--openalex", metavar="ID", help="an OpenAlex author id, e.g. A5023888391")
    record.add_argument("--dblp", metavar="PID", help="a dblp person id, e.g. h/GeoffreyEHinton")
    sync.add_argument(
        "--bib", type=Path, default=Path("publications.bib"), help="default: publications.bib"
    )
    sync.add_argument(
        "--write",
        type=Path,
        metavar="FILE",
        help="write the missing works as BibTeX to FILE (overwritten; not the bib file)",
    )
    _client_options(sync)
    sync.set_defaults(run=_sync)

    counts = commands.add_parser(
        "refresh",
        help="fetch citation counts into the metrics file",
        description="Ask OpenAlex, Semantic Scholar and Crossref how often each entry with"
        " a DOI (or, for Semantic Scholar, an arXiv id) is cited and write the counts, with"
        " today's date, to the metrics file that :metrics: shows. A service that fails"
        " keeps its old counts; nothing is written when every service fails.",
    )
    counts.add_argument(
        "--bib",
        type=Path,
        action="append",
        metavar="FILE",
        help="a BibTeX file (repeat for several; default: publications.bib)",
    )
    counts.add_argument(
        "--metrics",
        type=Path,
        default=Path("metrics.json"),
        metavar="FILE",
        help="the metrics file (default: metrics.json, profile_metrics' default)",
    )
    counts.add_argument(
        "--sources",
        "--source",
        type=_sources,
        default=list(FETCHERS),
        metavar="LIST",
        help=f"comma-separated services to ask (default: {','.join(FETCHERS)})",
    )
    _client_options(counts, cache=False)
    counts.set_defaults(run=_refresh)

    citations = commands.add_parser(
        "import-citations",
        help="turn al-folio's _data/citations.yml into the metrics file",
        description="Write the citation counts of al-folio's _data/citations.yml (Google"
        " Scholar) as the metrics file that publist and profile show with :metrics:. Each"
        " paper is matched to a BibTeX entry by its google_scholar_id field, else by title.",
    )
    citations.add_argument("file", type=Path, help="al-folio's _data/citations.yml")
    citations.add_argument(
        "--bib",
        type=Path,
        action="append",
        required=True,
        metavar="FILE",
        help="the site's BibTeX file (repeat for several)",
    )
    citations.add_argument(
        "--output",
        type=Path,
        default=Path("metrics.json"),
        metavar="FILE",
        help="the metrics file to write (default: metrics.json, profile_metrics' default)",
    )
    citations.add_argument("--force", action="store_true", help="overwrite an existing file")
    citations.set_defaults(run=_import_citations)

    people = commands.add_parser(
        "import-people",
        help="turn Hugo Blox author folders or JSON Resumes into a people file",
        description="Write one people file (profile_people) from a Hugo Blox site, its"
        " content/authors or data/authors folder, or a folder of JSON Resumes. Avatars"
        " inside FOLDER are copied to img/people/ beside the file; what a person's file"
        " holds beyond the card is listed as notes.",
    )
    people.add_argument("folder", type=Path, help="the folder to read")
    people.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("people.yaml"),
        metavar="FILE",
        help="the people file to write (default: people.yaml)",
    )
    people.add_argument("--force", action="store_true", help="overwrite existing files")
    people.set_defaults(run=_import_people)
    return parser


def _client_options(parser: argparse.ArgumentParser, cache: bool = True) -> None:
    """The network options every command that asks a service takes; a command whose
    answers change from week to week (citation counts) never reads the cache."""
    parser.add_argument(
        "--mailto",
        default=os.environ.get("SPHINX_PROFILE_MAILTO", ""),
        metavar="EMAIL",
        help="your contact address for the services' polite pools (default:"
        " $SPHINX_PROFILE_MAILTO)",
    )
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help=f"seconds per request (default {TIMEOUT:g})"
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=RETRIES,
        help=f"retries on 429, 5xx and timeouts (default {RETRIES})",
    )
    if cache:
        parser.add_argument("--no-cache", action="store_true", help="ask the services again")
    else:
        parser.set_defaults(no_cache=True)


def _sources(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in FETCHERS:
            raise argparse.ArgumentTypeError(
                f"unknown source {name!r} (known: {', '.join(FETCHERS)})"
            )
    return names


def _quickstart(args: argparse.Namespace) -> int:
    try:
        site = _site(args)
    except (ImportFailedError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except EOFError:  # stdin closed or piped empty: nobody is there to answer
        print(
            "\nerror: no answer (end of input); give the values as flags with --no-input",
            file=sys.stderr,
        )
        return 2
    try:
        written = write_site(args.dir, render_site(site), force=args.force)
    except (FileExistsError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    names = ", ".join(path.relative_to(args.dir).as_posix() for path in written)
    print(f"Wrote {len(written)} files to {args.dir}:", names)
    problems = check(args.dir).problems
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if problems:
        print("Fix these before building with -W (run `sphinx-profile check`).", file=sys.stderr)
    print(
        "\nNext steps:\n"
        f"  cd {args.dir}\n"
        f"  edit {site.profile_file} and publications.bib (sphinx-profile check validates them)\n"
        "  sphinx-build -b html . _build/html    # or: make html\n"
        "  open _build/html/index.html; push to GitHub and import it on Read the Docs"
    )
    if site.refresh_workflow:
        print(
            "  for the weekly citation counts pull request, allow it on GitHub: Settings >"
            " Actions > General > Allow GitHub Actions to create and approve pull requests"
        )
    return 0


def _site(args: argparse.Namespace) -> Site:
    """Gather the site's data: imported files, then flags, then answers to questions."""
    if args.source and args.from_orcid:
        raise ValueError("use either --from or --from-orcid")
    imported = Imported({}, {}, "")
    if args.source or args.from_orcid:
        kind = "orcid" if args.from_orcid else "auto"
        imported = read_profile_source(args.from_orcid or args.source, kind)
        for note in imported.notes:
            print(f"note: {imported.source}: {note}", file=sys.stderr)
    basics = dict(imported.basics)
    original = None if args.yaml else imported.original
    owner, has_selected, paper_files = "", True, {}
    if args.bib:
        summary = summarize(args.bib)
        owner, has_selected, paper_files = summary.owner, summary.has_selected, summary.files
        for missing in summary.missing:
            print(f"note: {args.bib}: {missing}; not copied", file=sys.stderr)
    for flag, key, question in QUESTIONS:
        given = getattr(args, flag)
        if given is not None:
            if given != basics.get(key):
                original = None  # the data changes, so the JSON cannot stay unchanged
            basics[key] = given
        elif key not in basics:
            default = owner if key == "name" else ""
            basics[key] = default if args.no_input else _ask(question, default, key == "name")
    if not basics.get("name"):
        raise ValueError("a name is needed (give --name)")
    url = args.url
    if url is None:
        url = "" if args.no_input else _ask(URL_QUESTION, "")
    if not url and any(name.lower().endswith(".pdf") for name in paper_files):
        print(
            "note: your papers' PDFs need the site's address for Google Scholar; give"
            " --url or set html_baseurl in conf.py, else the build warns once",
            file=sys.stderr,
        )
    if args.people_from and not args.lab:
        raise ValueError("--people-from needs --lab")
    people, images = _lab(basics, args.people_from) if args.lab else (None, {})
    if original is None and imported.original is not None:
        print(f"note: {imported.source} is converted to profile.yaml", file=sys.stderr)
    return Site(
        basics={key: value for key, value in basics.items() if value},
        sections=imported.sections,
        profile_json=original,
        bib=args.bib.read_bytes() if args.bib else None,
        has_selected=has_selected,
        paper_files=paper_files,
        imported_from=imported.source,
        theme=args.theme,
        url=url,
        refresh_workflow=args.refresh_workflow,
        people=people,
        people_images=images,
    )


def _lab(
    basics: dict[str, Any], folder: Path | None
) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The lab's people (imported from ``folder``, if given) with the owner as PI."""
    imported = _read_people(folder) if folder else ImportedPeople()
    owner = {key: basics[key] for key in ("name", "email", "url") if basics.get(key)}
    images = {name: path.read_bytes() for name, path in imported.images.items()}
    return with_pi(imported.people, owner), images


def _ask(question: str, default: str, required: bool = False) -> str:
    """The answer, or ``default`` for an empty one; a required question is asked until
    it has an answer. ``EOFError`` when stdin ends."""
    while True:
        answer = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
        if answer or not required:
            return answer
        print("  (needed: it heads every page)", file=sys.stderr)


def _import_citations(args: argparse.Namespace) -> int:
    if args.output.exists() and not args.force:
        print(f"error: {args.output} exists (use --force to overwrite it)", file=sys.stderr)
        return 2
    entries: list[BibEntry] = []
    for path in args.bib:
        bib, problems = parse_bib(path)
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        entries += bib.entries.values()
    try:
        imported = from_alfolio_citations(args.file, entries)
    except ImportFailedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in imported.notes:
        print(f"note: {args.file}: {note}", file=sys.stderr)
    args.output.write_text(imported.text, encoding="utf-8")
    print(f"Wrote citation counts of {imported.matched} entries to {args.output}")
    return 0


def _import_people(args: argparse.Namespace) -> int:
    try:
        imported = _read_people(args.folder)
        written = _write_people(imported, args.output, str(args.folder), args.force)
    except (ImportFailedError, FileExistsError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Wrote {len(imported.people)} people to {args.output}"
        f" and {len(written) - 1} images beside it"
    )
    return 0


def _read_people(folder: Path) -> ImportedPeople:
    """The people of ``folder``, their notes printed (also for ``quickstart --lab``)."""
    if not folder.is_dir():
        raise ImportFailedError(f"{folder} is not a folder")
    imported = import_people(folder)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    return imported


def _write_people(
    imported: ImportedPeople, output: Path, source: str, force: bool = False
) -> list[Path]:
    """Write the people file and copy the avatars beside it, refusing to overwrite."""
    files = {output.name: imported.text(source).encode()}
    files |= {name: path.read_bytes() for name, path in imported.images.items()}
    return write_site(output.parent, files, force=force)


def _check(args: argparse.Namespace) -> int:
    result = check(args.target)
    if args.format == "json":
        report = {
            "files": [str(path) for path in result.files],
            "problems": [
                {
                    "file": problem.path,
                    "line": problem.line,
                    "message": problem.message,
                    "type": f"profile.{problem.subtype}",
                }
                for problem in result.problems
            ],
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            print(problem)
        count = len(result.problems)
        checked = ", ".join(str(path) for path in result.files) or "nothing"
        print(f"{count} problem{'s' * (count != 1)} in {checked}", file=sys.stderr)
    return 1 if result.problems else 0


def _client(args: argparse.Namespace) -> Client:
    return Client(
        mailto=args.mailto,
        timeout=args.timeout,
        retries=max(0, args.retries),
        cache=None if args.no_cache else default_cache(),
    )


def _refresh(args: argparse.Namespace) -> int:
    bibs = args.bib or [Path("publications.bib")]
    for bib in bibs:
        if not bib.is_file():
            print(f"error: no bib file {bib} (give --bib FILE)", file=sys.stderr)
            return 2
    client = _client(args)
    try:
        result = refresh(bibs, args.metrics, args.sources, client, dt.date.today())
    finally:
        client.close()
    for problem in result.warnings:
        print(f"warning: {problem}", file=sys.stderr)
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    if result.text is None:
        print(f"Nothing written to {args.metrics}.", file=sys.stderr)
        return 1
    try:
        args.metrics.write_text(result.text, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {args.metrics}: {error.strerror}", file=sys.stderr)
        return 1
    received = ", ".join(f"{SOURCES[name]} {count}" for name, count in result.received.items())
    print(f"Wrote {args.metrics} (counts from {received}).", file=sys.stderr)
    return 0


def _add(args: argparse.Namespace) -> int:
    client = _client(args)
    try:
        result = prepare(args.ids, args.bib, client)
    finally:
        client.close()
    for problem in result.errors:
        print(f"error: {problem}", file=sys.stderr)
    if result.errors:
        print(f"Nothing written to {args.bib}.", file=sys.stderr)
        return 1
    print("\n".join(result.entries))
    if not args.yes:
        count = _entries(len(result.entries))
        try:
            answer = input(f"Append {count} to {args.bib}? [y/N] ").strip().lower()
        except EOFError:
            answer = ""
        if answer not in {"y", "yes"}:
            print(f"Nothing written to {args.bib} (give --yes to skip the question).")
            return 1
    return _append(args.bib, result.entries)


def _entries(count: int) -> str:
    return f"{count} entr{'ies' if count > 1 else 'y'}"


def _append(bib: Path, entries: list[str]) -> int:
    count = _entries(len(entries))
    try:
        append(bib, entries)
    except OSError as error:
        print(f"error: cannot write {bib}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Appended {count} to {bib}.", file=sys.stderr)
    return 0


def _sync(args: argparse.Namespace) -> int:
    service = next(name for name in LABELS if getattr(args, name))
    label = LABELS[service]
    researcher = researcher_id(service, getattr(args, service))
    if researcher is None:
        print(f"error: {getattr(args, service)!r} is not a valid {label} id", file=sys.stderr)
        return 2
    if not args.bib.is_file():
        print(f"error: no bib file {args.bib} (give --bib FILE)", file=sys.stderr)
        return 1
    if args.write and args.write.resolve() == args.bib.resolve():
        print(f"error: --write {args.write} is the bib file; sync never edits it", file=sys.stderr)
        return 2
    client = _client(args)
    try:
        listed = fetch_listing(client, service, researcher)
        if not listed:
            raise ServiceError(f"{label} lists no works for {researcher}")
        report = reconcile(listed, read_entries(args.bib), label)
        print(format_report(report, label, len(listed), args.bib), end="")
        wanted = [work.identifier for work in report.missing if work.identifier]
        result = prepare(wanted, args.bib, client) if args.write and wanted else None
    except ServiceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        client.close()
    if result is None:
        if args.write:
            print(f"Nothing to write to {args.write}.", file=sys.stderr)
        return 0
    for problem in result.errors:
        print(f"error: {problem}", file=sys.stderr)
    if result.errors:
        print(f"Nothing written to {args.write}.", file=sys.stderr)
        return 1
    try:
        args.write.write_text("\n".join(result.entries), encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {args.write}: {error.strerror}", file=sys.stderr)
        return 1
    print(
        f"Wrote {_entries(len(result.entries))} to {args.write}; review them and copy them"
        f" into {args.bib}.",
        file=sys.stderr,
    )
    return 0
