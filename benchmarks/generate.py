"""Generate a realistic, deterministic BibTeX file of N entries for the benchmarks.

Real bibliographies are not tidy: names carry accents written as LaTeX escapes
(``M{\\"u}ller``) or as raw UTF-8, titles protect capitals with braces and contain
math and ``--``, venues use ``\\&``, and most entries carry a DOI, a URL or an arXiv
eprint. Timings on clean ASCII would flatter every tool, so this generator mixes all
of these in the proportions of a typical machine-learning / physics CV. The output
depends only on N and the seed, so every run measures the same bytes.

Usage: ``python benchmarks/generate.py 5000 -o pubs.bib [--seed 1]``
"""

from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

GIVEN = [
    "Ada",
    "Mingze",
    "Yuqing",
    "Elena",
    "Jos{\\'e}",
    "Fran{\\c{c}}ois",
    'Zo{\\"e}',
    'Bj{\\"o}rn',
    "Hanna",
    "Priya",
    "Kwame",
    "Sof{\\'\\i}a",
    "Łukasz",
    "Chloé",
    "Wei",
    "Ngozi",
    "Ömer",
    "Ana",
    "Tomás",
    "Ingrid",
    "Rahul",
    "Aiko",
    "Dmitri",
]
FAMILY = [
    "Marsh",
    "Wang",
    'M{\\"u}ller',
    "Garc{\\'\\i}a",
    "{\\v{S}}imunovi{\\'c}",
    "Nakamura",
    "O'Neill",
    "van der Berg",
    "de la Cruz",
    "Okafor",
    'Schr{\\"o}dinger',
    "Kowalski",
    "Dubois",
    "Núñez",
    "Øvergaard",
    "Patel",
    "Chen",
    "Ivanova",
    "{\\O}stergaard",
    "Smith",
    "Lef{\\`e}vre",
    "Brontë",
    "Y\u0131lmaz",
    "Haddad",
]
SYLLABLES = [
    "an",
    "ber",
    "cas",
    "dor",
    "el",
    "fen",
    "gar",
    "hol",
    "is",
    "jan",
    "kov",
    "lin",
    "mar",
    "nov",
    "or",
    "pet",
    "quin",
    "ros",
    "sal",
    "tor",
    "ul",
    "ven",
    "wik",
    "zan",
]
ACCENTED_SYLLABLES = ['m{\\"u}', "{\\'e}", "{\\v{c}}ek", "ñez", "sk{\\'\\i}", "ø", "ł"]
#: Distinct people in the synthetic community.
COMMUNITY = 3000
TOPICS = [
    "Variational Inference",
    "Graph Neural Networks",
    "{BERT}-style Pretraining",
    "Diffusion Models",
    "Jet Tagging at the {LHC}",
    "Dark Matter Halos",
    "Probabilistic Programs",
    "Reinforcement Learning",
    "Sparse Attention",
    "Gaussian Processes",
    "Neural Radiance Fields",
    "Causal Discovery",
    "Protein Folding",
    "Gravitational Waves",
    "Quantum Error Correction",
]
PATTERNS = [
    "Scalable {topic} for {thing}",
    "On the Convergence of {topic}",
    "{topic}: A Survey",
    "Towards Robust {topic} with $\\mathcal{{O}}(n \\log n)$ Cost",
    "{topic} Meets {topic2}",
    "Learning {thing} via {topic}",
    "When Does {topic} Help? {{A}}n Empirical Study",
    "Revisiting {topic} -- Lessons from {thing}",
]
THINGS = [
    "Large Graphs",
    "Time Series",
    "Galaxy Surveys",
    "Small Data",
    "Particle Physics",
    "Medical Images",
    "Climate Models",
    "Robotics",
]
JOURNALS = [
    "Journal of Machine Learning Research",
    "Physical Review D",
    "Nature Physics",
    "Transactions on Pattern Analysis \\& Machine Intelligence",
    "Monthly Notices of the Royal Astronomical Society",
    "Annals of Statistics",
]
CONFERENCES = [
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Conference on Computer Vision and Pattern Recognition", "CVPR"),
    ("Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI"),
]
ARXIV_CLASSES = ["cs.LG", "stat.ML", "hep-ph", "astro-ph.CO", "quant-ph", "cs.CV"]
SENTENCES = [
    "We propose a method that scales to millions of examples.",
    "Our analysis shows a {\\em provable} improvement of $O(\\sqrt{n})$.",
    "Experiments on five benchmarks confirm the theory.",
    "The code is available online.",
    "Compared with prior work, we reduce the error by 12\\%.",
    "We discuss limitations -- notably the cost of training -- and future work.",
]


def people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """A research community of ``count`` distinct (given, family) names.

    A few hundred name pairs would repeat unrealistically often across thousands of
    entries (and flatter anything that caches per name), so family names are also
    built from syllables, some with LaTeX accents.
    """
    pool: dict[tuple[str, str], None] = {}
    while len(pool) < count:
        if rng.random() < 0.15:
            family = rng.choice(FAMILY)
        else:
            tail = rng.choices(SYLLABLES + ACCENTED_SYLLABLES, k=rng.randint(1, 2))
            family = rng.choice(SYLLABLES).capitalize() + "".join(tail)
        pool[(rng.choice(GIVEN), family)] = None
    return list(pool)


def authors(rng: random.Random, pool: list[tuple[str, str]], weights: list[float]) -> str:
    """Three to eight names, mixing "Family, Given" and "Given Family" as real files do.

    Frequent collaborators appear often and most people rarely (a Zipf-like weighting).
    """
    names = []
    for given, family in rng.choices(pool, cum_weights=weights, k=rng.randint(3, 8)):
        if rng.random() < 0.2:
            given = given[0] + "."  # initials
        names.append(f"{family}, {given}" if rng.random() < 0.6 else f"{given} {family}")
    return " and ".join(names)


def title(rng: random.Random) -> str:
    topic, topic2 = rng.sample(TOPICS, 2)
    return rng.choice(PATTERNS).format(topic=topic, topic2=topic2, thing=rng.choice(THINGS))


def entry(rng: random.Random, index: int, pool: list[tuple[str, str]], weights: list[float]) -> str:
    """One entry; the key is unique because it ends with the running index."""
    year = rng.randint(1998, 2025)
    family = rng.choice(FAMILY)
    stem = "".join(ch for ch in family if ch.isascii() and ch.isalpha()).lower() or "anon"
    key = f"{stem}{year}{index}"
    kind = rng.choices(["article", "inproceedings", "misc"], weights=[4, 4, 2])[0]
    fields = {"author": authors(rng, pool, weights), "title": title(rng), "year": str(year)}
    if kind == "article":
        fields["journal"] = rng.choice(JOURNALS)
        fields["volume"] = str(rng.randint(1, 120))
        fields["number"] = str(rng.randint(1, 12))
        first = rng.randint(1, 2000)
        fields["pages"] = f"{first}--{first + rng.randint(5, 30)}"
    elif kind == "inproceedings":
        booktitle, abbr = rng.choice(CONFERENCES)
        fields["booktitle"] = booktitle
        fields["abbr"] = abbr
        fields["publisher"] = "PMLR" if rng.random() < 0.5 else "Curran Associates, Inc."
    else:
        fields["eprint"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
        fields["archiveprefix"] = "arXiv"
        fields["primaryclass"] = rng.choice(ARXIV_CLASSES)
        fields["pubstate"] = "preprint"
    if kind != "misc" and rng.random() < 0.8:
        fields["doi"] = f"10.{rng.randint(1000, 9999)}/{stem}.{year}.{index}"
    if rng.random() < 0.5:
        fields["url"] = f"https://example.org/papers/{key}"
    if rng.random() < 0.3:
        fields["abstract"] = " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
    if rng.random() < 0.1:
        fields["selected"] = "true"
    fields["keywords"] = ", ".join(rng.sample(["ml", "physics", "theory", "llm", "vision"], 2))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}\n"


def generate(count: int, seed: int = 1) -> str:
    """The whole file: a comment header and ``count`` entries separated by blank lines."""
    rng = random.Random(seed)
    pool = people(rng, COMMUNITY)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.7 for rank in range(len(pool))))
    header = f"% {count} synthetic entries for benchmarking (seed {seed}); not real papers.\n\n"
    return header + "\n".join(entry(rng, index, pool, weights) for index in range(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.output.write_text(generate(args.count, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
