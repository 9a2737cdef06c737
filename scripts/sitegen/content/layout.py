"""Where things live in a project, and the pages the generator treats specially."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = "content_src"
DOCS_DIR = "docs"
MKDOCS_CONFIG = "mkdocs.yml"

SETTINGS_FILE = "site.yml"
GLOSSARY_FILE = "glossary.yml"
EVIDENCE_FILE = "evidence.yml"
FIGURES_FILE = "figures.yml"
PAGES_DIR = "pages"
SOURCES_DIR = "sources"
OPTIONS_DIR = "options"
GUIDELINES_FILE = "guidelines.yml"
WEIGH_UP_FILE = "weigh-up.yml"
PEOPLE_FILE = "people.yml"
SIGNOFFS_FILE = "signoffs.yml"
URGENT_FILE = "urgent-help.yml"
#: The data file each kind of marker draws from: [[evidence:id]], [[icon-array:id]]...
MARKER_FILES = {
    "evidence": EVIDENCE_FILE,
    "icon-array": FIGURES_FILE,
    "timeline": FIGURES_FILE,
    "option": f"{OPTIONS_DIR}/",
    "compare": f"{OPTIONS_DIR}/",
    "values": WEIGH_UP_FILE,
    "quiz": WEIGH_UP_FILE,
    "urgent-help": URGENT_FILE,
}
#: Files at the top of content_src/ that the generator reads (or, for README.md, expects).
KNOWN_FILES = frozenset(
    {
        "README.md",
        SETTINGS_FILE,
        GLOSSARY_FILE,
        EVIDENCE_FILE,
        FIGURES_FILE,
        GUIDELINES_FILE,
        WEIGH_UP_FILE,
        PEOPLE_FILE,
        SIGNOFFS_FILE,
        URGENT_FILE,
    }
)

# Pages the generator treats specially, by their file name in content_src/pages/.
HOME_PAGE = "overview"
FAQ_PAGE = "faq"
SOURCES_PAGE = "sources"
GLOSSARY_PAGE = "glossary"
CHANGES_PAGE = "changes"
ABOUT_PAGE = "about"
#: The page with every warning sign, which the urgent-help box at the top of pages links to.
URGENT_PAGE = "urgent-help"
#: Pages that list or explain rather than make claims, so need no citation.
PAGES_WITHOUT_CLAIMS = frozenset({SOURCES_PAGE, GLOSSARY_PAGE, CHANGES_PAGE})


def output_name(page_name: str) -> str:
    """The file in docs/ that a page becomes: the home page is docs/index.md."""
    return "index.md" if page_name == HOME_PAGE else f"{page_name}.md"


def option_output_name(option_id: str) -> str:
    """The file in docs/ that an option's page becomes."""
    return f"{OPTIONS_DIR}/{option_id}.md"


@dataclass(frozen=True)
class Project:
    """Where the content, the generated pages and the MkDocs settings live."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / CONTENT_DIR

    @property
    def docs_dir(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def mkdocs_config(self) -> Path:
        return self.root / MKDOCS_CONFIG
