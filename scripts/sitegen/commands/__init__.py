"""Stage 5, commands: the `sitegen` command line and each of its commands.

cli.py parses the command line; generate and check run the pipeline (sitegen.pipeline),
serve.py previews the site, new_source.py, import_article.py and review.py are the
maintainer's commands, and zensical_build.py builds docs/ with Zensical.
"""
