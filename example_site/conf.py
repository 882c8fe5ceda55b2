"""Configuration of the example site: the homepage of a fictional researcher."""

project = "Elena Marsh"
author = "Elena Marsh"
copyright = "2026, Elena Marsh"

extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]

profile_data = "profile.yaml"
profile_bibfiles = ["publications.bib"]

html_theme = "furo"
html_title = "Elena Marsh"
exclude_patterns = ["_build"]
