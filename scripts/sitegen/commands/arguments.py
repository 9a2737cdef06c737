"""The whole `sitegen` command line: every command, its options and its help.

The command line is read before any command's code is loaded (as `mkdocs` does), so that
`sitegen generate` loads only what generating needs and `sitegen --help` loads nothing else.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeAlias

from sitegen import __version__
from sitegen.content.words import NO_DATE, SOURCE_KINDS

#: `sitegen review`: a page is DUE SOON this many days before its next review date.
DUE_SOON_DAYS = 30
#: `sitegen review`: cited sources older than this many years are listed (by default).
DEFAULT_OLDER_THAN = 10

#: The subcommands of the sitegen command.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _address(text: str) -> str:
    host, colon, port = text.rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an address: write HOST:PORT, such as 127.0.0.1:8000"
        )
    return text


def _years(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of years, such as 10")
    return int(text)


def _where() -> argparse.ArgumentParser:
    """The options of every command: which project, and which day is today."""
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--project",
        type=Path,
        default=None,
        help="the project folder (the one holding content_src/); default: found from here",
    )
    where.add_argument(
        "--today",
        type=_today,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date that counts as today for review and access dates (default: the real date)",
    )
    return where


def _site_commands(commands: Subcommands, where: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False, parents=[where])
    common.add_argument(
        "--strict", action="store_true", help="treat warnings such as overdue reviews as errors"
    )
    commands.add_parser(
        "generate", parents=[common], help="check the content, then write the pages in docs/"
    )
    check = commands.add_parser(
        "check", parents=[common], help="check the content only; write nothing"
    )
    check.add_argument(
        "--publish",
        action="store_true",
        help="also check that everything a real publication needs is there, not a placeholder",
    )
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="preview the site; regenerate and reload on every change in content_src/",
    )
    serve.add_argument(
        "--dev-addr", type=_address, default="127.0.0.1:8000", help="address to serve on"
    )


def _no_options(parser: argparse.ArgumentParser) -> None:
    """A command with only the options of every command (--project, --today)."""


def _new_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id",
        nargs="?",
        help="the source's id, such as nhs-neck-pain or foster-2001 (looked up: the first"
        " author's family name and the year)",
    )
    parser.add_argument("--kind", help="one of: " + ", ".join(SOURCE_KINDS))
    parser.add_argument("--title", help="the title, as the source gives it")
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--author",
        action="append",
        metavar="'FAMILY, GIVEN'",
        help="an author (repeat for each); a name without a comma is an organisation",
    )
    who.add_argument("--no-author", action="store_true", help="the source names no author")
    parser.add_argument("--type", help="the CSL type (default: from the kind)")
    parser.add_argument("--container-title", help="the journal or website it appears in")
    parser.add_argument("--publisher", help="who publishes it")
    parser.add_argument("--volume", help="the journal's volume, such as 56")
    parser.add_argument("--issue", help="the journal's issue, such as 10")
    parser.add_argument("--pages", help="the pages, such as 1290-1293")
    parser.add_argument(
        "--issued", metavar="YYYY[-MM[-DD]]", help=f"when it was published, or '{NO_DATE}'"
    )
    parser.add_argument("--url", help="its web address")
    parser.add_argument(
        "--doi", help="its DOI, such as 10.1212/WNL.56.10.1290 (without --title: looked up)"
    )
    parser.add_argument("--pmid", help="its PubMed number (without --title: looked up)")


def _import_article(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="the saved article (.html or .txt), or the article's address (https://...)"
    )
    parser.add_argument("--id", help="the source's id (default: author's or site's name, year)")
    parser.add_argument("--kind", help="one of: " + ", ".join(SOURCE_KINDS))


def _import_refs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the export: .json, .bib or .ris")


def _review(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the same as JSON")
    parser.add_argument(
        "--older-than",
        type=_years,
        default=DEFAULT_OLDER_THAN,
        metavar="YEARS",
        help=f"list cited sources older than this, by issued year (default {DEFAULT_OLDER_THAN})",
    )


def _check_site(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", type=Path, nargs="?", default=Path("site"))


def _sign_off(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", help="the page's name, such as faq or botox")
    parser.add_argument("--by", required=True, metavar="PERSON", help="the clinician's id")


class Command(NamedTuple):
    """A maintainer's command."""

    name: str
    #: The module in sitegen/commands/ whose run() runs it (loaded only then).
    module: str
    #: Its line in `sitegen --help`.
    summary: str
    #: What it does, in `sitegen NAME --help`.
    description: str
    #: What adds its own options.
    options: Callable[[argparse.ArgumentParser], None]


MAINTAINER_COMMANDS = (
    Command(
        "new-source",
        "new_source",
        "write content_src/sources/ID.yml for a new source, every field explained",
        "Write a new source file with every field explained and TODO markers for"
        " what a person must fill in. sitegen check fails until they are filled in. Without"
        " --title, --doi looks the source up at Crossref and --pmid at PubMed.",
        _new_source,
    ),
    Command(
        "import",
        "import_article",
        "write a draft source from an article: a saved page, or its address",
        "Read an article (a saved HTML page or plain text, or the address of a"
        " page, which is fetched) and write a draft source in content_src/sources/, with TODO"
        " markers for what it could not find. A journal article's page is read by its"
        " citation_*, Dublin Core and JSON-LD tags.",
        _import_article,
    ),
    Command(
        "import-refs",
        "import_refs",
        "write a draft source for each reference in a CSL-JSON, BibTeX or RIS export",
        "Read references exported from Zotero, Mendeley or EndNote (CSL JSON,"
        " BibTeX or RIS; one or many) and write a draft source in content_src/sources/ for"
        " each, with TODO markers for what a person must fill in. A reference that is already"
        " there is not written again. Nothing is fetched: only the file is read.",
        _import_refs,
    ),
    Command(
        "review",
        "review",
        "list pages by next review date, pages changed since sign-off, and old sources",
        "List every page with its last and next review dates, most urgent first"
        f" (OVERDUE, DUE SOON within {DUE_SOON_DAYS} days), the pages changed since their"
        " clinical sign-off, and the sources older than a number of years that pages still"
        " cite.",
        _review,
    ),
    Command(
        "check-site",
        "check_site",
        "check the built site (after mkdocs build) against the HTML allowlist",
        "Check every page, picture and style sheet of the built site against the"
        " HTML allowlist: no scripts, frames, event handlers or other sites' files.",
        _check_site,
    ),
    Command(
        "ipdas",
        "ipdas",
        "list the decision-aid standards (IPDASi v4) the site meets, and where",
        "List the 6 qualifying and 6 certification criteria of the International"
        " Patient Decision Aid Standards (IPDASi v4) for a treatment decision, each with pass"
        " or fail and where the site meets it. Fails when a qualifying criterion is not met.",
        _no_options,
    ),
    Command(
        "sign-off",
        "sign_off",
        "record a clinician's sign-off of a page as its content stands now",
        "Record in content_src/signoffs.yml that a clinician in people.yml has"
        " reviewed PAGE as it stands now. The page shows the sign-off until its content"
        " changes. The date is --today (the real date unless given).",
        _sign_off,
    ),
    Command(
        "schemas",
        "schemas",
        "write the JSON Schemas of the content files, for editors",
        "Write schemas/*.json from the models that check the content, and"
        " .vscode/settings.json, so that VS Code's YAML extension shows mistakes as you type."
        " A test fails when the committed schemas differ from these.",
        _no_options,
    ),
)


def parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Check the content in content_src/ and generate the pages in docs/.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    where = _where()
    _site_commands(commands, where)
    for command in MAINTAINER_COMMANDS:
        command.options(
            commands.add_parser(
                command.name,
                parents=[where],
                help=command.summary,
                description=command.description,
            )
        )
    return parser
