"""sitegen: turns the curated content in content_src/ into the Markdown pages in docs/."""

__version__ = "1.0.0"
