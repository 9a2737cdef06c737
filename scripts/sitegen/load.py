"""Reading content_src/ into the data model, collecting every problem on the way."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sitegen.citations import find_citations
from sitegen.grade import grade_wording_problem
from sitegen.markers import find_markers, marker_targets
from sitegen.model import (
    Citation,
    Content,
    EvidenceClaim,
    Figures,
    GlossaryEntry,
    Page,
    PageMeta,
    SiteSettings,
    Source,
    add_months,
    is_valid_id,
)
from sitegen.problems import Problems, display_path, suggest
from sitegen.safety import unsafe_content
from sitegen.yamlfile import KeyPath, YamlDocument, YamlError, parse_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)

SETTINGS_FILE = "site.yml"
GLOSSARY_FILE = "glossary.yml"
EVIDENCE_FILE = "evidence.yml"
FIGURES_FILE = "figures.yml"
PAGES_DIR = "pages"
SOURCES_DIR = "sources"


class ContentFiles:
    """Reads files under one content folder, naming them as people see them."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.root = content_dir
        self.project = content_dir.parent
        self.problems = problems
        self._resolved_root = content_dir.resolve()
        self._folders_inside: dict[Path, bool] = {}

    def name(self, path: Path) -> str:
        if path.is_relative_to(self.project):
            return path.relative_to(self.project).as_posix()
        return display_path(path, self.project)

    def _folder_inside(self, folder: Path) -> bool:
        if folder not in self._folders_inside:
            resolved = folder.resolve()
            self._folders_inside[folder] = resolved.is_relative_to(self._resolved_root)
        return self._folders_inside[folder]

    def outside(self, path: Path) -> bool:
        """True (after reporting it) for a symlink that leads out of the content folder."""
        if not path.is_symlink() and self._folder_inside(path.parent):
            return False
        target = path.resolve()
        if target.is_relative_to(self._resolved_root):
            return False
        self.problems.error(
            self.name(path),
            1,
            f"this is a link to {target}, outside content_src/: copy the file in instead",
        )
        return True

    def read_text(self, path: Path) -> str | None:
        """The file's text (BOM and Windows line endings accepted), or None after an error."""
        if self.outside(path):
            return None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problems.error(self.name(path), 1, f"cannot read this file: {exc.strerror}")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            self.problems.error(
                self.name(path),
                line,
                f"this file is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}):"
                " save it as UTF-8 in your editor",
            )
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def read_yaml(self, path: Path) -> YamlDocument | None:
        text = self.read_text(path)
        if text is None:
            return None
        return self.parse(path, text, 1)

    def parse(self, path: Path, text: str, first_line: int) -> YamlDocument | None:
        try:
            return parse_yaml(text, first_line)
        except YamlError as exc:
            self.problems.error(self.name(path), exc.line, exc.message, exc.column)
            return None

    def validate(
        self, model: type[ModelT], data: Any, doc: YamlDocument, path: Path, prefix: KeyPath = ()
    ) -> ModelT | None:
        """`data` as a `model`, or None after reporting each field's problem at its line."""
        if not isinstance(data, dict):
            self.problems.error(
                self.name(path),
                doc.line_of(prefix),
                "expected a list of fields (name: value), one per line",
            )
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                field_path = (*prefix, *loc)
                message = _field_message(model, error, loc)
                self.problems.error(self.name(path), doc.line_of(field_path), message)
            return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _field_message(model: type[BaseModel], error: Any, loc: tuple[Any, ...]) -> str:
    name = ".".join(str(part) for part in loc) or "this record"
    field = str(loc[-1]) if loc else ""
    kind = error["type"]
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'" + suggest(field, _field_names(model))
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        given = error.get("input")
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", str(expected))
        hint = suggest(str(given), choices)
        return f"'{field}' cannot be '{given}'{hint}; choose one of: {', '.join(choices)}"
    if kind in {"string_type", "list_type", "dict_type", "int_type", "int_parsing"}:
        return f"'{name}' has the wrong type: {message.lower()}"
    return f"'{name}': {message}"


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*\n?", re.S | re.M)


def load_settings(files: ContentFiles) -> SiteSettings | None:
    path = files.root / SETTINGS_FILE
    if not path.is_file():
        files.problems.error(files.name(path), 1, "the site settings file is missing")
        return None
    doc = files.read_yaml(path)
    if doc is None:
        return None
    return files.validate(SiteSettings, doc.data, doc, path)


def load_sources(files: ContentFiles) -> tuple[dict[str, Source], dict[str, str]]:
    sources: dict[str, Source] = {}
    paths: dict[str, str] = {}
    for path in sorted((files.root / SOURCES_DIR).glob("*.yml")):
        source_id = path.stem
        if not is_valid_id(source_id):
            files.problems.error(
                files.name(path),
                1,
                f"'{source_id}' cannot be a source id: use lowercase letters, digits and"
                " hyphens, as in foster-2001",
            )
            continue
        doc = files.read_yaml(path)
        if doc is None:
            continue
        data = doc.data
        if isinstance(data, dict):
            data = dict(data)
            written_id = data.pop("id", source_id)
            if written_id != source_id:
                twin = path.with_name(f"{written_id}.yml")
                if twin.is_file():
                    message = (
                        f"two sources have the id '{written_id}': this file and"
                        f" {files.name(twin)}; give this one its own id"
                    )
                else:
                    message = (
                        f"the id '{written_id}' does not match the file name '{path.name}':"
                        f" rename the file to {written_id}.yml or remove the id line"
                    )
                files.problems.error(files.name(path), doc.line_of(("id",)), message)
                continue
            data["id"] = source_id
        source = files.validate(Source, data, doc, path)
        if source is not None:
            sources[source_id] = source
            paths[source_id] = files.name(path)
    return sources, paths


def load_glossary(files: ContentFiles) -> list[GlossaryEntry]:
    path = files.root / GLOSSARY_FILE
    if not path.is_file():
        return []
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        files.problems.error(
            files.name(path), 1, "expected a list of entries, each starting with '- term:'"
        )
        return []
    entries: list[GlossaryEntry] = []
    for index, item in enumerate(doc.data):
        entry = files.validate(GlossaryEntry, item, doc, path, (index,))
        if entry is not None:
            entries.append(entry)
    return entries


def check_source_ids(
    files: ContentFiles,
    path: Path,
    doc: YamlDocument,
    where: KeyPath,
    ids: list[str],
    sources: dict[str, Source],
) -> None:
    for index, source_id in enumerate(ids):
        if source_id not in sources:
            files.problems.error(
                files.name(path),
                doc.line_of((*where, "sources", index)),
                f"unknown source '{source_id}'" + suggest(source_id, sources),
            )


def load_evidence(files: ContentFiles, sources: dict[str, Source]) -> dict[str, EvidenceClaim]:
    path = files.root / EVIDENCE_FILE
    if not path.is_file():
        return {}
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        files.problems.error(files.name(path), 1, "expected one entry per claim, each 'id:'")
        return {}
    claims: dict[str, EvidenceClaim] = {}
    for key, item in doc.data.items():
        claim = files.validate(EvidenceClaim, item, doc, path, (str(key),))
        if claim is None:
            continue
        claims[str(key)] = claim
        check_source_ids(files, path, doc, (str(key),), claim.sources, sources)
        wording = grade_wording_problem(claim.claim, claim.certainty)
        if wording:
            files.problems.error(files.name(path), doc.line_of((str(key), "claim")), wording)
    return claims


def load_figures(files: ContentFiles, sources: dict[str, Source]) -> Figures:
    path = files.root / FIGURES_FILE
    if not path.is_file():
        return Figures()
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return Figures()
    figures = files.validate(Figures, doc.data, doc, path)
    if figures is None:
        return Figures()
    for section, items in (
        ("icon_arrays", figures.icon_arrays),
        ("timelines", figures.timelines),
    ):
        for key, item in items.items():
            check_source_ids(files, path, doc, (section, key), item.sources, sources)
    return figures


def resolve_markers(content: Content, problems: Problems) -> None:
    """Each marker must name known data; the sources it shows count as the page's citations."""
    targets = marker_targets(content)
    for page in content.pages:
        for marker in page.markers:
            known = targets[marker.kind]
            if marker.id not in known:
                problems.error(
                    page.path,
                    marker.line,
                    f"unknown {marker.kind} '{marker.id}'" + suggest(marker.id, known),
                )
                continue
            page.citations.extend(
                Citation(key, marker.line, 1) for key in known[marker.id] if key in content.sources
            )
        page.citations.sort(key=lambda c: (c.line, c.column))


def load_page(files: ContentFiles, path: Path, settings: SiteSettings | None) -> Page | None:
    text = files.read_text(path)
    if text is None:
        return None
    name = files.name(path)
    if not text.startswith("---"):
        files.problems.error(
            name, 1, "the page must start with front matter: a line '---', the fields, then '---'"
        )
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        files.problems.error(
            name, 1, "the front matter is not closed: add a line '---' after its last field"
        )
        return None
    doc = files.parse(path, match.group(1), 2)
    body_first_line = text.count("\n", 0, match.end()) + 1
    body = text[match.end() :]
    citations, malformed = find_citations(body, body_first_line)
    for bad in malformed:
        files.problems.error(
            name, bad.line, f"malformed citation {bad.text}: {bad.reason}", bad.column
        )
    for line, column, message in unsafe_content(body, body_first_line):
        files.problems.error(name, line, message, column)
    markers, marker_mistakes = find_markers(body, body_first_line)
    for line, message in marker_mistakes:
        files.problems.error(name, line, message)
    if doc is None:
        return None
    meta = files.validate(PageMeta, doc.data, doc, path)
    if meta is None:
        return None
    if not body.strip():
        files.problems.error(name, body_first_line, "the page has no text after its front matter")
    key_point_lines = [doc.line_of(("key_points", i)) for i in range(len(meta.key_points))]
    key_point_citations = []
    for point, line in zip(meta.key_points, key_point_lines, strict=True):
        point_citations, point_malformed = find_citations(point, line)
        key_point_citations.extend(point_citations)
        for bad in point_malformed:
            files.problems.error(name, bad.line, f"malformed citation {bad.text}: {bad.reason}")
    citations = key_point_citations + citations
    interval = settings.review_interval_months if settings else 12
    next_due = meta.next_review_due or add_months(meta.last_reviewed, interval)
    return Page(
        name=path.stem,
        path=name,
        meta=meta,
        body=body,
        body_first_line=body_first_line,
        next_review_due=next_due,
        citations=citations,
        key_point_lines=key_point_lines,
        markers=markers,
    )


KNOWN_FILES = frozenset({"README.md", SETTINGS_FILE, GLOSSARY_FILE, EVIDENCE_FILE, FIGURES_FILE})


def report_unexpected_files(files: ContentFiles) -> None:
    """Files the generator would silently ignore are probably mistakes: say so."""
    for path in sorted(files.root.rglob("*")):
        relative = path.relative_to(files.root)
        if path.is_dir() or relative.name.startswith("."):
            continue
        folder = relative.parts[0] if len(relative.parts) > 1 else ""
        expected = (
            (folder == "" and relative.name in KNOWN_FILES)
            or (folder == PAGES_DIR and len(relative.parts) == 2 and path.suffix == ".md")
            or (folder == SOURCES_DIR and len(relative.parts) == 2 and path.suffix == ".yml")
        )
        if expected:
            continue
        if folder == SOURCES_DIR and path.suffix == ".yaml":
            hint = f": source files end in .yml (rename it to {path.stem}.yml)"
        elif folder == PAGES_DIR and path.suffix in {".markdown", ".txt"}:
            hint = f": pages end in .md (rename it to {path.stem}.md)"
        else:
            hint = (
                ": sitegen ignores it (pages go in pages/*.md, sources in sources/*.yml)"
                + suggest(relative.name, KNOWN_FILES)
            )
        files.problems.warning(files.name(path), 1, f"unexpected file{hint}")


def load_content(content_dir: Path) -> tuple[Content | None, Problems]:
    """Read and check every file in `content_dir`, field by field.

    Returns the content that could be read (None when the site settings cannot be) and
    every problem found. Files with errors are left out of the content.
    """
    problems = Problems()
    files = ContentFiles(content_dir, problems)
    if not content_dir.is_dir():
        problems.error(files.name(content_dir), 1, "the content folder does not exist")
        return None, problems
    report_unexpected_files(files)
    settings = load_settings(files)
    sources, source_paths = load_sources(files)
    glossary = load_glossary(files)
    evidence = load_evidence(files, sources)
    figures = load_figures(files, sources)
    pages: list[Page] = []
    page_paths = sorted((content_dir / PAGES_DIR).glob("*.md"))
    for path in page_paths:
        page = load_page(files, path, settings)
        if page is not None:
            pages.append(page)
    if settings is None:
        return None, problems
    order = {name: index for index, name in enumerate(settings.nav)}
    pages.sort(key=lambda p: order.get(p.name, len(order)))
    settings_path = files.name(content_dir / SETTINGS_FILE)
    page_files = frozenset(path.stem for path in page_paths)
    content = Content(
        settings,
        sources,
        pages,
        glossary,
        source_paths,
        settings_path,
        page_files,
        evidence,
        figures,
        frozenset(path.stem for path in (content_dir / SOURCES_DIR).glob("*.yml")),
    )
    resolve_markers(content, problems)
    return content, problems
