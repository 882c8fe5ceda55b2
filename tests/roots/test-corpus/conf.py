extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]
myst_enable_extensions.append("substitution")
myst_substitutions = {"token": "conf-value-that-data-must-not-print"}
