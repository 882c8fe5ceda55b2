extensions = ["myst_parser", "sphinx_profile"]
profile_data = "profile.yaml"
