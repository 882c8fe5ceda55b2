"""The user documentation of sphinx-profile, built with sphinx-profile itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-profile"
author = "sphinx-profile developers"
copyright = "2026, sphinx-profile developers"

extensions = ["myst_parser", "sphinx_profile", "reference_tables"]
myst_enable_extensions = ["colon_fence", "deflist"]

# The examples in snippets/ read the documentation's own demo profile.
profile_data = "profile.yaml"
profile_bibfiles = ["publications.bib"]

html_theme = "furo"
html_title = "sphinx-profile"
exclude_patterns = ["_build", "snippets"]
profile_paper_pages = True  # a page per publication: papers/<key>.html
