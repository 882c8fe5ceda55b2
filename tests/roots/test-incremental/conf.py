extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
profile_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
# Named here, not left to sphinx.testing: its test app swaps the default "alabaster" for
# "basic" after the saved environment is loaded, a config change on every rebuild.
html_theme = "basic"
