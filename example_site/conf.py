"""Configuration of the example site: the homepage of a fictional researcher."""

project = "Elena Marsh"
author = "Elena Marsh"
copyright = "2026, Elena Marsh"

extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]

profile_data = "profile.yaml"
profile_bibfiles = ["publications.bib"]

# A page per paper (papers/<key>.html) with the tags Google Scholar reads, and a
# sitemap.xml; the address makes their links to PDFs absolute, as Scholar wants.
profile_paper_pages = True
html_baseurl = "https://elenamarsh.example.org/"

html_theme = "furo"
html_title = "Elena Marsh"
exclude_patterns = ["_build"]

# The PDF CV: `sphinx-build -M latexpdf . _build` turns the CV page alone into a
# compact CV (no title page, no table of contents, small headings).
latex_documents = [("cv", "elena-marsh-cv.tex", "Curriculum Vitae", author, "howto")]
latex_toplevel_sectioning = "section"
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "fontpkg": r"\usepackage{lmodern}",
    "maketitle": "",
    "tableofcontents": "",
    "releasename": "",
    "fncychap": "",
    "sphinxsetup": (
        "hmargin=2.2cm, vmargin={2cm,2cm}, TitleColor=black,"
        " InnerLinkColor={rgb}{0.1,0.2,0.5}, OuterLinkColor={rgb}{0.1,0.2,0.5}"
    ),
    # sphinx-profile's style: compact, unnumbered CV headings
    "preamble": r"\sphinxprofilecvlayout",
}
