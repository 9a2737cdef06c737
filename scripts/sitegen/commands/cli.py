"""The `sitegen` command line: generate, check and serve, and the maintainer's commands."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sitegen import __version__
from sitegen.authoring.online import Fetch, fetch_url
from sitegen.checks.readability import format_table
from sitegen.commands import (
    check_site,
    import_article,
    import_refs,
    ipdas,
    new_source,
    review,
    schemas,
    sign_off,
)
from sitegen.content.layout import CONTENT_DIR, Project
from sitegen.pipeline import check, generate
from sitegen.problems import report

#: The maintainer's commands, each a module with add_command() and run().
MAINTAINER_COMMANDS = {
    "new-source": new_source,
    "import": import_article,
    "import-refs": import_refs,
    "review": review,
    "check-site": check_site,
    "ipdas": ipdas,
    "sign-off": sign_off,
    "schemas": schemas,
}
NOT_CHANGED = "docs/ was not changed"


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


def _find_project(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / CONTENT_DIR).is_dir():
            return folder
    return start


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Check the content in content_src/ and generate the pages in docs/.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
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
    common = argparse.ArgumentParser(add_help=False, parents=[where])
    common.add_argument(
        "--strict", action="store_true", help="treat warnings such as overdue reviews as errors"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
    for module in MAINTAINER_COMMANDS.values():
        module.add_command(commands, [where])
    return parser


def _check(project: Project, today: date, strict: bool, publish: bool = False) -> int:
    result = check(project, today, strict, publish)
    if result.readability:
        limit = result.readability_limit
        print(f"Readability (Flesch-Kincaid grade; the limit is {limit:g}):")
        print(format_table(result.readability, limit))
    status = report(result.problems, NOT_CHANGED)
    if status == 0 and result.content is not None:
        print(
            f"sitegen: content is valid: {len(result.content.pages)} pages,"
            f" {len(result.content.sources)} sources"
        )
    return status


def _generate(project: Project, today: date, strict: bool) -> int:
    written, problems = generate(project, today, strict)
    status = report(problems, NOT_CHANGED)
    if written is not None and status == 0:
        print(
            f"sitegen: wrote {len(written.written)} files, {len(written.unchanged)}"
            f" unchanged, {len(written.removed)} removed"
        )
    return status


def main(argv: list[str] | None = None, fetch: Fetch | None = None) -> int:
    """Run a command. `fetch` answers the look-ups online (tests pass recorded answers)."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    args.fetch = fetch or fetch_url
    project = Project(args.project or _find_project(Path.cwd()))
    today = args.today or date.today()
    if args.command in MAINTAINER_COMMANDS:
        status: int = MAINTAINER_COMMANDS[args.command].run(args, project, today)
        return status
    if args.command == "serve":
        from sitegen.commands.serve import serve

        return serve(project, today, args.dev_addr)
    if args.command == "check":
        return _check(project, today, args.strict, args.publish)
    return _generate(project, today, args.strict)


if __name__ == "__main__":
    sys.exit(main())
