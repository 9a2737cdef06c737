"""The `sitegen` command line: generate, check and serve, and the maintainer's commands.

The command line itself is in arguments.py. A command's code is loaded only when that
command runs, and a `generate` that finds nothing changed since its last run loads none of
the generator at all (see output/lastrun.py).
"""

from __future__ import annotations

import gc
import importlib
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sitegen.cache import CACHE_DIR
from sitegen.commands import arguments
from sitegen.content.layout import CONTENT_DIR, Project
from sitegen.output.lastrun import LastRun
from sitegen.problems import report

if TYPE_CHECKING:
    from sitegen.authoring.online import Fetch

#: The module of each maintainer's command, whose run() runs it.
MAINTAINER_COMMANDS = {command.name: command.module for command in arguments.MAINTAINER_COMMANDS}
NOT_CHANGED = "docs/ was not changed"


def _find_project(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / CONTENT_DIR).is_dir():
            return folder
    return start


def _check(project: Project, today: date, strict: bool, publish: bool = False) -> int:
    from sitegen.checks.readability import format_table
    from sitegen.pipeline import check

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
    inputs = (project.content_dir, project.mkdocs_config)
    record = project.root / CACHE_DIR / "last-run.json"
    last_run = LastRun(record, inputs, project.docs_dir, f"{today.isoformat()} strict={strict}")
    if last_run.replay():
        return 0
    from sitegen.pipeline import generate

    written, problems = generate(project, today, strict)
    status = report(problems, NOT_CHANGED)
    if written is not None and status == 0:
        print(
            f"sitegen: wrote {len(written.written)} files, {len(written.unchanged)}"
            f" unchanged, {len(written.removed)} removed"
        )
        last_run.record(problems.sorted(), written.digests, written.removed)
    return status


def main(argv: list[str] | None = None, fetch: Fetch | None = None) -> int:
    """Run a command. `fetch` answers the look-ups online (tests pass recorded answers)."""
    args = arguments.parser().parse_args(sys.argv[1:] if argv is None else argv)
    args.fetch = fetch
    project = Project(args.project or _find_project(Path.cwd()))
    today = args.today or date.today()
    if args.command in MAINTAINER_COMMANDS:
        module = importlib.import_module(f"sitegen.commands.{MAINTAINER_COMMANDS[args.command]}")
        status: int = module.run(args, project, today)
        return status
    # Stopped (Ctrl+C, or a terminate signal), a run cleans up: its children stop, the
    # pages it wrote beside their places are deleted, and the preview's server stops.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        if args.command == "serve":
            from sitegen.commands.serve import serve

            return serve(project, today, args.dev_addr)
        if args.command == "check":
            return _check(project, today, args.strict, args.publish)
        return _generate(project, today, args.strict)
    except KeyboardInterrupt:
        print(f"sitegen: stopped; {NOT_CHANGED}", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> NoReturn:
    """The `sitegen` command: main(), then an exit that skips the collector's last pass.

    When the interpreter ends it collects once more, over every object still in memory:
    after a first run that is a tenth of the run's time. Frozen objects are left out of that
    pass. Objects that are not in reference cycles are freed as the interpreter ends all the
    same, and exit handlers still run; objects in cycles are not finalized, so nothing may
    count on the collector at exit: files are closed and temporary files removed by `with`
    and `finally`, and children are stopped before main() returns.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    run()
