"""Reading and validating the researcher's data files.

Nothing in this package imports docutils: loaders turn files into plain, typed
records that carry the line each value came from, and report every problem as a
:class:`~sphinx_profile.data.problems.Problem` instead of logging it. That keeps the
same code usable from the Sphinx build and from ``sphinx-profile check``. Words
shown to readers (a venue's "PhD thesis", a link's "CV") are Sphinx's lazy
translations, which become the site's language only when a page is written.
"""
