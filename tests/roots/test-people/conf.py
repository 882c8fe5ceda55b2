extensions = ["myst_parser", "sphinx_profile"]
profile_bibfiles = ["refs.bib"]
profile_people = "people.yaml"
profile_coauthors = "coauthors.yml"
exclude_patterns = ["_build", "team"]
