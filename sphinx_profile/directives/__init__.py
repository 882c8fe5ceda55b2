"""Directives: validated records in, docutils nodes out; one module per family."""
