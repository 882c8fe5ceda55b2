"""Drawing checked records for readers.

``entry.py`` draws a publication as a light :class:`~.markup.Tag` tree,
``markup.py`` writes such trees to HTML or turns them into docutils nodes,
``writers.py`` writes the ``pub_entry`` nodes the directives put in the doctree,
and ``pybtex_style.py`` formats entries with a pybtex style for ``:style:``.
Nothing here reads a data file or a cache: it draws what it is given.
"""
