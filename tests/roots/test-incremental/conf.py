extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
profile_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
