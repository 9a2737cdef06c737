"""Live preview: MkDocs serves docs/, and every change in content_src/ regenerates it.

MkDocs reloads the browser when docs/ changes, so an edit shows within about a second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import date

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.pipeline import Project, generate
from sitegen.problems import Problems

_SETTLE_SECONDS = 0.1


def _regenerate(project: Project, today: date) -> None:
    report, problems = generate(project, today)
    _print_problems(problems)
    if report is not None:
        changed = ", ".join(report.written + report.removed) or "nothing changed"
        print(f"sitegen: regenerated docs/ ({changed})", flush=True)


def _print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem, file=sys.stderr, flush=True)
    if problems.errors:
        print("sitegen: fix the errors above; docs/ was not changed", file=sys.stderr, flush=True)


class _ContentChanged(FileSystemEventHandler):
    """Regenerates once edits settle (editors often write a file in several steps)."""

    def __init__(self, project: Project, today: date) -> None:
        self.project = project
        self.today = today
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in {"opened", "closed_no_write"}:
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(_SETTLE_SECONDS, _regenerate, (self.project, self.today))
            self.timer.daemon = True
            self.timer.start()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(project: Project, today: date, dev_addr: str) -> int:
    _regenerate(project, today)
    observer = Observer()
    observer.schedule(_ContentChanged(project, today), str(project.content_dir), recursive=True)
    observer.start()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "-f",
        str(project.mkdocs_config),
        "--dev-addr",
        dev_addr,
    ]
    mkdocs = subprocess.Popen(command, cwd=project.root, env=env)
    # Stopping the preview (Ctrl+C, or a terminate signal) stops MkDocs with it.
    signal.signal(signal.SIGTERM, _stop)
    try:
        return mkdocs.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        mkdocs.terminate()
        mkdocs.wait()
        observer.stop()
        observer.join()
