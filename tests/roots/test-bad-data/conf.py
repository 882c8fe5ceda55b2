extensions = ["sphinx_profile"]
