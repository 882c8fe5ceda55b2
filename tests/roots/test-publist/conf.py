extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]
profile_data = "profile.yaml"
profile_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
