extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
myst_enable_extensions = ["colon_fence"]
