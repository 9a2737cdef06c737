"""Allows `python -m sitegen`."""

from sitegen.commands.cli import run

run()
