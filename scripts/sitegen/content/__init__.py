"""Stage 1, content: read content_src/ and mkdocs.yml's nav into a frozen model.

Reading parses and shapes; it checks only what it must to build the model (the syntax of
YAML and front matter, each field's type). Every rule between files lives in sitegen.checks.
Every record keeps the file and line of each of its fields (see origin.py).
"""
