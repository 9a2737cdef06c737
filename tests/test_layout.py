"""The generator's layout: stages that import only downwards, and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "sitegen"
#: What each stage may import from the package (shared modules are allowed everywhere).
ALLOWED = {
    "content": {"content"},
    "output": {"output"},
    "checks": {"checks", "content", "output"},
    "render": {"render", "content"},
    "authoring": {"authoring", "content"},
    "pipeline": {"checks", "content", "output", "render"},
    "commands": {"commands", "authoring", "checks", "content", "output", "pipeline", "render"},
}
SHARED = {"problems", "htmltext", "cache", "signing", "fileio", "forked", "__init__"}


def _stage(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            parts = node.module.split(".")
            found.add(parts[1] if len(parts) > 1 else "__init__")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_stage_imports_only_the_stages_below_it(path: Path) -> None:
    stage = _stage(path)
    if stage in SHARED or stage == "__main__":
        return
    wrong = _imports(path) - ALLOWED[stage] - SHARED
    assert not wrong, f"{stage} must not import {sorted(wrong)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_long(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 320, f"{lines} lines: split it by what its parts do"
