extensions = ["myst_parser", "sphinx_profile"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
project = "CV test"
copyright = "2026, Ada Quantum"
version = "1.0"
