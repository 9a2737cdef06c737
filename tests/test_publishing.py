"""The README's header examples for a web host match the policy the pages themselves need."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}
CSP_DIRECTIVES = [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
]


def _block(language: str, first_line: str) -> str:
    """The README's fenced code block in `language` whose text starts with `first_line`."""
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
                blocks.append((line.removeprefix("```"), current))
            else:
                current = None
        elif current is not None:
            current.append(line)
    for info, lines in blocks:
        if info == language and lines and lines[0].startswith(first_line):
            return "\n".join(lines)
    raise AssertionError(f"no ```{language} block starting {first_line!r} in README.md")


def _netlify() -> dict[str, str]:
    lines = _block("", "/*").splitlines()[1:]
    return dict(line.strip().split(": ", 1) for line in lines)


def _nginx() -> dict[str, str]:
    block = _block("nginx", "root ")
    return dict(re.findall(r'add_header (\S+) "([^"]*)" always;', block))


@pytest.mark.parametrize("host", [_netlify, _nginx], ids=["netlify", "nginx"])
def test_header_examples(host: object) -> None:
    assert callable(host)
    headers = host()
    assert {name: headers.get(name) for name in HEADERS} == HEADERS
    policy = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert [part for part in policy if not part.startswith("script-src")] == CSP_DIRECTIVES
    script_src = next(part for part in policy if part.startswith("script-src"))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    hashes = config.get("extra", {}).get("csp_script_hashes", [])
    # 'self', and the theme's own inline scripts, which the pages' own policy allows too.
    assert script_src.split() == ["script-src", "'self'", *hashes]
