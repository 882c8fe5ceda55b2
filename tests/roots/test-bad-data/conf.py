extensions = ["sphinx_profile"]
profile_bibfiles = ["pubs.bib"]
