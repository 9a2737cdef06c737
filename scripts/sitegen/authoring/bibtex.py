"""BibTeX (.bib), as Zotero, Mendeley, EndNote and journals export it, read by bibtexparser.

Names and titles come in LaTeX: M{\\"u}ller is Müller, {World Health Organization} in braces
is one organisation, and {B}otulinum keeps its capital. Authors are split before the LaTeX
is turned into text, so that braces still say what is one name.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from sitegen.authoring.csl import EXPORT_AGAIN, Exported
from sitegen.authoring.draft import ScaffoldError
from sitegen.authoring.reference import Reference, clean, pages, person

#: BibTeX's entry types as CSL types.
BIBTEX_TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "manual": "document",
    "misc": "document",
}
_FORMATTING = re.compile(
    r"\\(?:textit|textbf|textsc|textrm|textsf|texttt|textup|textsuperscript|textsubscript|emph"
    r"|mathrm|mathit|mathbf|url|relax)\b\s*"
)
_ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)", re.M)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def tex(value: Any) -> str | None:
    """LaTeX as plain text: accents as letters, no braces, no formatting commands."""
    from bibtexparser.latexenc import latex_to_unicode

    if value is None:
        return None
    text = _FORMATTING.sub("", str(value)).replace("~", " ").replace("$", "")
    text = str(latex_to_unicode(text))
    # {\'\i}: a dotless i with an accent is an accented i.
    text = re.sub("\u0131(?=[\u0300-\u036f])", "i", text)
    return clean(unicodedata.normalize("NFC", text).replace("{", "").replace("}", ""))


def split_names(text: str) -> list[str]:
    """'A, B and {C and D}' -> ['A, B', '{C and D}']: 'and' inside braces joins nothing."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", text):
        if match[0] == "{":
            depth += 1
        elif match[0] == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(text[start : match.start()])
            start = match.end()
    names.append(text[start:])
    return [name.strip() for name in names if name.strip()]


def _author(name: str) -> Any:
    from bibtexparser.customization import splitname

    if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
        return person(literal=tex(name))
    try:
        parts = splitname(name, strict_mode=False)
    except Exception:  # bibtexparser's own error for a name it cannot split
        return person(literal=tex(name))
    family = tex(" ".join([*parts.get("von", []), *parts.get("last", [])]))
    return person(family, tex(" ".join(parts.get("first", []))))


def _issued(entry: dict[str, str]) -> str | None:
    date = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", tex(entry.get("date")) or "")
    if date:
        return date[0]
    year = re.search(r"\d{4}", tex(entry.get("year")) or "")
    if not year:
        return None
    month = (tex(entry.get("month")) or "").lower()
    number = (
        int(month)
        if month.isdigit()
        else _MONTHS.index(month[:3]) + 1
        if month[:3] in _MONTHS
        else 0
    )
    return f"{year[0]}-{number:02d}" if 1 <= number <= 12 else year[0]


def _url(value: str | None) -> str | None:
    return clean(re.sub(r"\\([_%&#~])", r"\1", value).strip("{}")) if value else None


def reference_from_bibtex(entry: dict[str, str]) -> Reference:
    eprint = entry.get("pmid") or (
        entry.get("eprint") if (entry.get("eprinttype") or "").lower() == "pubmed" else None
    )
    return Reference(
        title=tex(entry.get("title")),
        authors=tuple(
            p for p in (_author(name) for name in split_names(entry.get("author", ""))) if p
        ),
        container_title=tex(entry.get("journal") or entry.get("journaltitle"))
        or tex(entry.get("booktitle")),
        publisher=tex(entry.get("publisher") or entry.get("institution")),
        volume=tex(entry.get("volume")),
        issue=tex(entry.get("number") or entry.get("issue")),
        page=pages(tex(entry.get("pages"))),
        issued=_issued(entry),
        DOI=_url(entry.get("doi")),
        PMID=tex(eprint),
        URL=_url(entry.get("url")),
        type=BIBTEX_TYPES.get(entry.get("ENTRYTYPE", "").lower()),
    )


def read_bibtex(text: str, name: str) -> list[Exported]:
    """Every entry of a BibTeX file, each with the line it starts on."""
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    try:
        entries: list[dict[str, str]] = bibtexparser.loads(text, parser=parser).entries
    except Exception:  # pyparsing's errors, among others: the file is not BibTeX
        raise ScaffoldError(f"{name}: not BibTeX that can be read: {EXPORT_AGAIN}") from None
    lines: dict[str, int] = {}
    for match in _ENTRY.finditer(text):
        lines.setdefault(match[2], text.count("\n", 0, match.start()) + 1)
    return [
        Exported(f"{name}:{lines.get(entry.get('ID', ''), 1)}", reference_from_bibtex(entry))
        for entry in entries
    ]
