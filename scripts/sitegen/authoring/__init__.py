"""Writing new content files for maintainers: draft source records (draft.py), read from a
saved article (article.py). The commands in sitegen.commands use these."""
