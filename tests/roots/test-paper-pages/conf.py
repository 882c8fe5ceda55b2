extensions = ["sphinx_profile"]
profile_data = "profile.yaml"
profile_bibfiles = ["refs.bib"]
profile_paper_pages = True
exclude_patterns = ["_build"]
