"""Configuration of the example lab: the site of a fictional research group."""

project = "Halden Lab"
author = "Miriam Halden"
copyright = "2026, Halden Lab"

extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]

# The PI's profile (the lab's news live there) and the lab's shared bibliography.
profile_data = "profile.yaml"
profile_bibfiles = ["publications.bib"]

# The lab: its members and alumni, the order of the groups on the people page,
# the coauthors outside the lab (al-folio's coauthors.yml, unchanged) and a page
# per person with their card and their papers.
profile_people = "people.yaml"
profile_people_roles = ["PI", "Postdoc", "PhD student", "Master's student"]
profile_coauthors = "coauthors.yml"
profile_people_pages = True

# A page per paper, with the tags Google Scholar reads and .bib/.ris downloads.
profile_paper_pages = True
html_baseurl = "https://halden-lab.example.org/"

html_theme = "furo"
html_title = "Halden Lab"
exclude_patterns = ["_build"]
