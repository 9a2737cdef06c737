"""A reference manager's export: CSL-JSON, BibTeX or RIS, told apart by the file's name or,
failing that, by how it starts. One file may hold one reference or many."""

from __future__ import annotations

from pathlib import Path

from sitegen.authoring.bibtex import read_bibtex
from sitegen.authoring.csl import Exported, read_csl_json
from sitegen.authoring.draft import ScaffoldError
from sitegen.authoring.ris import read_ris

#: The largest export read: thousands of references.
MAX_EXPORT_BYTES = 20_000_000
FORMATS = {"CSL-JSON": read_csl_json, "BibTeX": read_bibtex, "RIS": read_ris}
_SUFFIXES = {
    ".json": "CSL-JSON",
    ".csljson": "CSL-JSON",
    ".bib": "BibTeX",
    ".bibtex": "BibTeX",
    ".ris": "RIS",
}
EXPORT_HELP = (
    "export the references from Zotero, Mendeley or EndNote as CSL JSON (.json), BibTeX (.bib)"
    " or RIS (.ris)"
)


def export_format(path: Path, text: str) -> str:
    """CSL-JSON, BibTeX or RIS."""
    if path.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[path.suffix.lower()]
    start = text.lstrip()
    if start.startswith(("[", "{")):
        return "CSL-JSON"
    if start.startswith("TY  -") or "\nTY  -" in text[:5000]:
        return "RIS"
    if start.startswith(("@", "%")) or "\n@" in text[:5000]:
        return "BibTeX"
    raise ScaffoldError(f"cannot tell what kind of file {path.name} is: {EXPORT_HELP}")


def read_export(path: Path) -> tuple[str, list[Exported]]:
    """The format of the export in `path`, and every reference in it."""
    try:
        if path.exists() and not path.is_file():
            raise ScaffoldError(f"{path} is not a file: {EXPORT_HELP}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise ScaffoldError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > MAX_EXPORT_BYTES:
        raise ScaffoldError(f"{path} is larger than {MAX_EXPORT_BYTES // 1_000_000} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{path} is not UTF-8 text: export it again as UTF-8") from None
    kind = export_format(path, text)
    found = FORMATS[kind](text, path.name)
    if not found:
        raise ScaffoldError(f"found no references in {path.name} (read as {kind}): {EXPORT_HELP}")
    return kind, found
