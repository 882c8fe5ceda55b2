"""Time matching a lab's people against a big shared bib: who each author is.

A lab of 60 people (taken from the synthetic community of ``generate.py``, so they
really co-author its papers) against 10,000 entries, the scale issue 15 names. The
matching runs once per build (the domain caches it), so its time adds to a clean
build and to a rebuild after editing the people file; it must stay a small part of
either. Prints the time of reading the bib, of matching, and how many entries name
a person of the lab.

Usage: ``python benchmarks/people_matching.py [--people 60] [--entries 10000]``
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from pathlib import Path

from generate import COMMUNITY, generate, people

from sphinx_profile.data.bib import parse_bib
from sphinx_profile.data.people import People, Person, author_index, author_matches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "refs.bib")
        path.write_text(generate(args.entries), encoding="utf-8")
        start = time.perf_counter()
        bib, _ = parse_bib(path)
        parsed = time.perf_counter() - start
    # the same seed as generate(): the community its entries draw their authors from
    pool = people(random.Random(1), COMMUNITY)
    lab = People(
        "people.yaml",
        tuple(
            Person(f"p{index}", f"{given} {family}", "people.yaml", index)
            for index, (given, family) in enumerate(itertools.islice(pool, args.people))
        ),
    )
    start = time.perf_counter()
    matches = author_matches(bib.entries.values(), author_index(lab, None))
    matched = time.perf_counter() - start
    print(f"{len(bib.entries)} entries, {len(lab.persons)} people")
    print(f"reading the bib: {parsed:.2f} s; matching every author: {matched:.3f} s")
    print(f"entries with a person of the lab: {len(matches)}")


if __name__ == "__main__":
    main()
