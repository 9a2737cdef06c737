"""The `sitegen` command line: generate, check and serve."""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from sitegen import __version__
from sitegen.pipeline import Project, check, generate
from sitegen.problems import Problems
from sitegen.readability import format_table

if TYPE_CHECKING:
    from sitegen.scaffold import Subcommands


class _Command(Protocol):
    """A maintainer's command: a module with add_command() and run()."""

    def add_command(
        self, commands: Subcommands, parents: list[argparse.ArgumentParser]
    ) -> None: ...

    def run(self, args: argparse.Namespace, project_root: Path, today: date) -> int: ...


#: The maintainer's commands, and the module of each.
MAINTAINER_COMMANDS = {
    "new-source": "sitegen.scaffold",
    "import": "sitegen.importer",
    "review": "sitegen.review",
}
#: The commands that check and generate, which run on every edit: they start faster
#: without importing the maintainer's commands.
PIPELINE_COMMANDS = frozenset({"generate", "check", "serve"})


def _maintainer_command(name: str) -> _Command:
    return cast(_Command, importlib.import_module(MAINTAINER_COMMANDS[name]))


def _command_named(argv: list[str]) -> str | None:
    """The command in `argv`: its first word that is not an option."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _find_project(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "content_src").is_dir():
            return folder
    return start


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line parser; for a pipeline `command`, without the maintainer's commands."""
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
    commands.add_parser("check", parents=[common], help="check the content only; write nothing")
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="preview the site; regenerate and reload on every change in content_src/",
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    if command not in PIPELINE_COMMANDS:
        for name in MAINTAINER_COMMANDS:
            _maintainer_command(name).add_command(commands, [where])
    return parser


def report(problems: Problems) -> int:
    """Print every problem; return the exit status."""
    for problem in problems.sorted():
        print(problem, file=sys.stderr)
    if problems.errors:
        count = len(problems.errors)
        print(
            f"sitegen: {count} error{'s' if count != 1 else ''}; docs/ was not changed",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = _parser(_command_named(arguments)).parse_args(arguments)
    project = Project(args.project or _find_project(Path.cwd()))
    today = args.today or date.today()
    if args.command in MAINTAINER_COMMANDS:
        return _maintainer_command(args.command).run(args, project.root, today)
    if args.command == "serve":
        from sitegen.serve import serve

        return serve(project, today, args.dev_addr)
    if args.command == "check":
        result = check(project, today, args.strict)
        if result.readability:
            limit = result.readability_limit
            print(f"Readability (Flesch-Kincaid grade; the limit is {limit:g}):")
            print(format_table(result.readability, limit))
        status = report(result.problems)
        if status == 0 and result.content is not None:
            print(
                f"sitegen: content is valid: {len(result.content.pages)} pages,"
                f" {len(result.content.sources)} sources"
            )
        return status
    write_report, problems = generate(project, today, args.strict)
    status = report(problems)
    if write_report is not None and status == 0:
        print(
            f"sitegen: wrote {len(write_report.written)} files, {len(write_report.unchanged)}"
            f" unchanged, {len(write_report.removed)} removed"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
