extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]
