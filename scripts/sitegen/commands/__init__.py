"""Stage 5, commands: the `sitegen` command line and each of its commands.

arguments.py is the command line; cli.py runs each command: generate and check run the
pipeline (sitegen.pipeline), serve.py previews the site (with preview_builds.py), each
maintainer's command is a module of its own (new_source.py, import_article.py, review.py
...), and zensical_build.py builds docs/ with Zensical.
"""
