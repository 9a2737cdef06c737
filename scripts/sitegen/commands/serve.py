"""Live preview: every change in content_src/ regenerates docs/, and the browser reloads.

The preview is MkDocs' own live-reload server, run in this process: it builds the site
again when docs/, mkdocs.yml or the theme overrides change, and the open page reloads
itself. It differs from `mkdocs serve` in three ways. Two show an edit sooner: MkDocs looks
for changed files every 0.1 s (rather than 0.5 s), and each build reuses what the last one
made of the pages and templates that did not change (see preview_builds.py). And the pages
keep the site's Content-Security-Policy, which allows only the site's own scripts: the
reload script MkDocs writes into each page runs by a nonce made for that response.

While the content has errors, every page of the preview is an error page that lists them,
each as path:line: message, and it turns back into the page by itself once they are fixed
(as `hugo server` does): the terminal is not the only place an error shows.
"""

from __future__ import annotations

import html
import logging
import secrets
import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from sitegen.commands.preview_builds import CompiledTemplates, RenderedPages
from sitegen.content.layout import Project
from sitegen.pipeline import generate
from sitegen.problems import report
from sitegen.render.templating import render_template

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

_SETTLE_SECONDS = 0.05
_POLLING_SECONDS = 0.1


#: One regeneration at a time: an edit saved while the last one still runs waits for it.
_GENERATING = threading.Lock()


class _Shown:
    """What the open pages should show: the site, or the content's errors."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.on_change: list[object] = []  # the server's reload, once it runs

    def set(self, errors: list[str]) -> None:
        changed = errors != self.errors
        self.errors = errors
        if changed:
            for reload in self.on_change:
                reload()  # type: ignore[operator]


def _regenerate(project: Project, today: date, shown: _Shown | None = None) -> None:
    with _GENERATING:
        written, problems = generate(project, today)
    report(problems, "fix them (above); docs/ was not changed")
    if shown is not None:
        # In the order the terminal shows them (report() sorts them).
        shown.set([str(problem) for problem in problems.sorted() if problem.severity == "error"])
    if written is not None:
        changed = ", ".join(written.written + written.removed) or "nothing changed"
        print(f"sitegen: regenerated docs/ ({changed})", flush=True)


def errors_page(errors: list[str]) -> bytes:
    """The page the preview shows while the content has errors (see the template)."""
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    escaped = [html.escape(error) for error in errors]
    return render_template("preview-errors.html.j2", count=count, errors=escaped).encode()


class _ContentChanged(FileSystemEventHandler):
    """Regenerates once edits settle (editors often write a file in several steps)."""

    def __init__(self, project: Project, today: date, shown: _Shown) -> None:
        self.project = project
        self.today = today
        self.shown = shown
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in {"opened", "closed_no_write"}:
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(
                _SETTLE_SECONDS, _regenerate, (self.project, self.today, self.shown)
            )
            self.timer.daemon = True
            self.timer.start()


def _preview_server(
    project: Project, dev_addr: str, site_dir: Path, shown: _Shown
) -> LiveReloadServer:
    """MkDocs' live-reload server for the project's site, built into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    serve_url = f"http://{host}:{port}/"
    compiled = CompiledTemplates()
    pages = RenderedPages()

    def site_config() -> MkDocsConfig:
        return load_config(
            config_file=str(project.mkdocs_config), site_dir=str(site_dir), dev_addr=dev_addr
        )

    def builder() -> None:
        config = site_config()
        config.site_url = serve_url
        theme_environment = config.theme.get_env

        def environment() -> jinja2.Environment:
            env = theme_environment()
            env.bytecode_cache = compiled
            return env

        config.theme.get_env = environment  # type: ignore[method-assign]
        with pages.reused_during_build():
            build(config, serve_url=serve_url)

    class SafePreviewServer(LiveReloadServer):
        """Serves the preview with the site's Content-Security-Policy: the reload script
        MkDocs writes into each page is allowed by a nonce made for that response."""

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            page: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
            nonce = secrets.token_urlsafe(18).encode()
            reload_script = page.rindex(b"<script>")  # written last, before </body>
            page = (
                page[:reload_script]
                + b'<script nonce="'
                + nonce
                + b'">'
                + page[reload_script + 8 :]
            )
            return page.replace(
                b"script-src 'self'", b"script-src 'self' 'nonce-" + nonce + b"'", 1
            )

        def reload_pages(self) -> None:
            """Open pages load again: to show the errors, or the site once they are gone."""
            from mkdocs.livereload import _timestamp

            with self._epoch_cond:
                self._wanted_epoch = self._visible_epoch = _timestamp()
                self._epoch_cond.notify_all()

        def _serve_request(self, environ, start_response):  # type: ignore[no-untyped-def]
            path = environ["PATH_INFO"]
            errors = shown.errors
            if errors and (path.endswith("/") or path.endswith(".html")):
                with self._epoch_cond:
                    epoch = self._visible_epoch
                page = self._inject_js_into_html(errors_page(errors), epoch)
                start_response(
                    "200 OK",
                    [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                )
                return [page]
            return super()._serve_request(environ, start_response)

    server = SafePreviewServer(
        builder=builder,
        host=host,
        port=int(port),
        root=str(site_dir),
        polling_interval=_POLLING_SECONDS,
    )
    server.build_delay = _SETTLE_SECONDS
    shown.on_change.append(server.reload_pages)

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    builder()
    config = site_config()
    # The pages, the settings and the theme's overrides (custom_dir).
    for path in (config.docs_dir, config.config_file_path, config.theme.custom_dir):
        if path and Path(path).exists():
            server.watch(str(path))
    return server


def serve(project: Project, today: date, dev_addr: str) -> int:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("watchdog").setLevel(logging.WARNING)
    shown = _Shown()
    _regenerate(project, today, shown)
    observer = Observer()
    changes = _ContentChanged(project, today, shown)
    observer.schedule(changes, str(project.content_dir), recursive=True)
    observer.start()
    site_dir = Path(tempfile.mkdtemp(prefix="sitegen-preview-"))
    # Stopping the preview (Ctrl+C, or a terminate signal: see cli.py) stops the server.
    server = None
    try:
        server = _preview_server(project, dev_addr, site_dir, shown)
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.shutdown()
        observer.stop()
        observer.join()
        # A regeneration that has not started is dropped; one under way is let finish,
        # so that docs/ is never left half-written.
        with changes.lock:
            if changes.timer is not None:
                changes.timer.cancel()
        with _GENERATING:
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0
