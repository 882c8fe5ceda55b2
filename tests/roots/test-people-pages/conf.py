extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
profile_people = "people"
profile_people_roles = ["PI", "Postdoc"]
profile_bibfiles = ["lab.bib"]
profile_people_pages = True
project = "Quist Lab"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
# Named here, not left to sphinx.testing, which swaps it after loading a saved
# environment: a config change on every rebuild.
html_theme = "basic"
