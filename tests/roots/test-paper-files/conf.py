extensions = ["sphinx_profile"]
# al-folio's layout: the .bib file in _bibliography/, its files under assets/
profile_bibfiles = ["_bibliography/papers.bib"]
