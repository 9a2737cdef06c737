"""Shared helpers: the project's paths, the fixture content tree, and running sitegen."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from sitegen.commands.cli import main
from sitegen.content.layout import Project
from sitegen.content.model import Content, Page
from sitegen.output.stamp import stamp
from sitegen.pipeline import check
from sitegen.render import iter_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The real content is checked against the real date: a page marked reviewed today passes.
TODAY = date.today()
#: The date the fixture content treats as today (its dates are fixed).
FIXTURE_TODAY = "2026-11-22"

RunSitegen = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True, scope="session")
def own_signing_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests sign what they keep with a key of their own, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A copy of the small fixture content tree, with no docs/ yet."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    return project


@pytest.fixture
def run_sitegen(capsys: pytest.CaptureFixture[str]) -> RunSitegen:
    """Run the sitegen command in-process: returns (exit status, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def run_in_process(*args: str) -> tuple[int, str]:
    """Run the sitegen command in this process: (exit status, what it printed on stderr)."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(list(args))
    return status, err.getvalue()


def add_page(project: Path, name: str, title: str, body: str) -> None:
    """Add a page to a copy of the fixture project, and list it in the nav after Sources."""
    content = project / "content_src"
    (content / "pages" / f"{name}.md").write_text(
        f"---\ntitle: {title}\ndescription: {title}.\n"
        f"last_reviewed: 2026-11-01\nreviewed_by: editors\n---\n\n{body}\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Sources: sources.md", f"  - Sources: sources.md\n  - {title}: {name}.md"
        ),
        encoding="utf-8",
    )


def checked_content(root: Path, today: date = TODAY) -> Content:
    """A project's content, loaded and checked: the test fails on any error."""
    result = check(Project(root), today)
    assert result.content is not None, "\n".join(str(p) for p in result.problems.errors)
    return result.content


def generated_docs(content: Content) -> dict[str, bytes]:
    """Every file the generator makes for docs/, by its path in docs/."""
    return {page.output_name: stamp(text, page.path) for page, text in iter_site(content)}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built from the committed docs/ with `mkdocs build --strict`."""
    from site_build import build_site

    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same docs/ and mkdocs.yml, built with Zensical."""
    from sitegen.commands.zensical_build import build

    site_dir = tmp_path_factory.mktemp("zensical") / "site"
    result = build(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    output = (result.stdout + result.stderr).lower()
    assert "warning" not in output and "error" not in output, output
    return site_dir


@pytest.fixture(scope="session")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    yield from _serve(zensical_site)


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def any_site_url(request: pytest.FixtureRequest) -> str:
    """The site built by each engine in turn: Material for MkDocs, and its successor."""
    url: str = request.getfixturevalue("site_url" if request.param == "mkdocs" else "zensical_url")
    return url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def real_content() -> Content:
    """The project's own content_src/, loaded and checked."""
    return checked_content(ROOT)


def page_prose(page: Page, content: Content) -> str:
    """The prose of a page whose readability is scored."""
    from sitegen.checks.readability import prose
    from sitegen.pipeline import readable_text
    from sitegen.render import SiteIndex

    return prose(readable_text(page, content, SiteIndex.of(content)))
