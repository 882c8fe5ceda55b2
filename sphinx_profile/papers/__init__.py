"""Paper pages: a landing page per publication that Google Scholar and Zotero read.

:mod:`.citation` says what the page tells machines and citers (pure functions of a
record); :mod:`.pages` makes the pages during an HTML build.
"""
