extensions = ["myst_parser", "sphinx_profile"]
profile_bibfiles = ["refs.bib"]
profile_metrics_max_age = None  # the counts below are old on purpose; tests set an age
exclude_patterns = ["_build"]
