extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
html_baseurl = "https://ada.example.edu/"
profile_bibfiles = ["refs.bib"]
