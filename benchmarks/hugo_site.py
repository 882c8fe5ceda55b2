"""Write a Hugo site with one page per entry of a ``.bib`` file and a list of them all.

The benchmark times Hugo on it as the reference for what a static-site generator can
do with the pages ``profile_paper_pages`` makes: the same entries, read by
sphinx-profile's own reader so the text is the same, each a content file whose front
matter holds its title, authors, venue, year and abstract, under ``papers/<slug>/``
(the slug of our paper page), and a ``papers/`` list page that links to every one.

The layouts are minimal and theme-less, and Hugo makes no RSS feed, sitemap or
taxonomy pages, because our build makes none of those either: the measure is Hugo
writing the pages, not a theme. Front matter is JSON, which Hugo reads as it reads
YAML or TOML and which :func:`json.dumps` quotes whatever a title holds; the
templates are Go's ``html/template``, which escapes every value it writes.

Usage: ``python benchmarks/hugo_site.py pubs.bib -o hugo-site``, then ``hugo -s hugo-site``
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from sphinx.locale import init as init_locale

from sphinx_profile.data.bib import parse_bib, readable
from sphinx_profile.data.publications import venue
from sphinx_profile.papers.citation import Citation, paper_slug

CONFIG = """\
baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
uglyURLs = true
disablePathToLower = true
"""
HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
LAYOUTS = {
    "index.html": HEAD + "<title>{{ .Site.Title }}</title>\n</head>\n<body><main>\n"
    "<h1>{{ .Site.Title }}</h1>\n"
    '<p><a href="{{ "papers/" | relURL }}">Publications</a></p>\n</main></body>\n</html>\n',
    "_default/list.html": HEAD + "<title>{{ .Title }}</title>\n</head>\n<body><main>\n"
    "<h1>{{ .Title }}</h1>\n<ol>\n"
    '{{ range .Pages.ByParam "year" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>. '
    '{{ delimit .Params.authors ", " }}. {{ .Params.venue }}, {{ .Params.year }}.</li>\n'
    "{{ end }}</ol>\n</main></body>\n</html>\n",
    "_default/single.html": HEAD + "<title>{{ .Title }}</title>\n"
    '<meta name="citation_title" content="{{ .Title }}">\n'
    '{{ range .Params.authors }}<meta name="citation_author" content="{{ . }}">\n{{ end }}'
    '<meta name="citation_publication_date" content="{{ .Params.year }}">\n'
    "</head>\n<body><main>\n<h1>{{ .Title }}</h1>\n"
    '<p class="authors">{{ delimit .Params.authors ", " }}</p>\n'
    '<p class="venue">{{ .Params.venue }}, {{ .Params.year }}</p>\n'
    '{{ with .Params.abstract }}<p class="abstract">{{ . }}</p>\n{{ end }}'
    '<p><a href="{{ .Parent.RelPermalink }}">All publications</a></p>\n'
    "</main></body>\n</html>\n",
}


def write_hugo_site(bib: Path, site: Path) -> int:
    """A fresh Hugo site in ``site`` for the entries of ``bib``; returns how many
    paper pages it has."""
    shutil.rmtree(site, ignore_errors=True)
    files = {"hugo.toml": CONFIG, **{f"layouts/{name}": text for name, text in LAYOUTS.items()}}
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    papers = site / "content" / "papers"
    papers.mkdir(parents=True)
    (papers / "_index.md").write_text('{"title": "Publications"}\n', encoding="utf-8")
    # labels such as "PhD thesis" in English, as a build without a `language` has them
    # (outside a build, sphinx_profile's catalog is not loaded and they are not text)
    init_locale([], None, "sphinx_profile")
    parsed, _ = parse_bib(bib)
    for entry in parsed.entries.values():
        citation = Citation.of(entry)
        front_matter = {
            "title": citation.title,
            "authors": [name.full for name in citation.authors],
            "venue": readable(str(venue(entry))),
            "year": entry.year,
            "abstract": citation.field("abstract"),
        }
        text = json.dumps(front_matter, ensure_ascii=False, indent=1) + "\n"
        (papers / f"{paper_slug(entry.key)}.md").write_text(text, encoding="utf-8")
    return len(parsed.entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the site's folder")
    args = parser.parse_args()
    print(f"{write_hugo_site(args.bib, args.output)} paper pages in {args.output}")


if __name__ == "__main__":
    main()
