extensions = ["sphinxcontrib.bibtex", "sphinx_profile"]
bibtex_bibfiles = ["refs.bib"]
profile_data = "profile.yaml"
exclude_patterns = ["_build"]
