"""`sitegen serve`: an edit in content_src/ shows on the open page, which reloads itself."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser

from conftest import ROOT

COPIED = ("content_src", "docs", "overrides", "mkdocs.yml")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _running(marker: str) -> bool:
    """True while any process has `marker` in its command line."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker in cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                return True
        except OSError:
            continue
    return False


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_editing_content_reloads_the_open_page(tmp_path: Path, browser: Browser) -> None:
    for name in COPIED:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "--project",
            str(tmp_path),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/faq/"
    try:
        assert _wait_for(url, "Questions people ask", 60), "the preview did not start"
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        # The preview has the site's policy; the reload script runs by its nonce alone.
        policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
        assert (
            policy is not None
            and "'nonce-" in policy
            and "unsafe-inline" not in policy.split("style-src")[0]
        )
        assert page.locator("script[nonce]").count() == 1
        time.sleep(1)  # the page's reload script starts asking the server for changes
        faq = tmp_path / "content_src" / "pages" / "faq.md"
        text = faq.read_text(encoding="utf-8")
        faq.write_text(
            text.replace("## Does it hurt?", "## Does it hurt at all?", 1), encoding="utf-8"
        )
        # The open page shows the edit without being reloaded by the test.
        page.get_by_role("heading", name="Does it hurt at all?").wait_for(timeout=30_000)
        assert "Does it hurt at all?" in (tmp_path / "docs" / "faq.md").read_text("utf-8")
        # A mistake: the open page turns into a list of the errors, each with its line...
        edited = faq.read_text(encoding="utf-8")
        faq.write_text(edited.replace("[@", "[@no-such-source; @", 1), encoding="utf-8")
        heading = page.get_by_role("heading", name="The content has 1 error", exact=False)
        heading.wait_for(timeout=30_000)
        listed = page.locator("li").first.inner_text()
        assert listed.startswith("content_src/pages/faq.md:") and "unknown source" in listed
        # ... and back to the page, by itself, once it is fixed.
        time.sleep(0.5)
        faq.write_text(edited, encoding="utf-8")
        page.get_by_role("heading", name="Does it hurt at all?").wait_for(timeout=30_000)
        assert errors == []
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    time.sleep(0.5)
    assert not _running(f"127.0.0.1:{port}"), "stopping the preview left MkDocs running"
