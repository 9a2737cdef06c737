"""Reading content_src/ (and the nav of mkdocs.yml) into a Content.

Each file is parsed and validated against its schema (sources and pages on every core:
see shares.py); a file with errors is left out and named in Content.unread_files, so that
rules about it wait until it can be read. Rules between files live in sitegen.checks.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from types import MappingProxyType

from sitegen.content.fields import ID_RULE, add_months, is_valid_id
from sitegen.content.files import ContentFiles, RecordT
from sitegen.content.layout import (
    EVIDENCE_FILE,
    FIGURES_FILE,
    GLOSSARY_FILE,
    GUIDELINES_FILE,
    OPTIONS_DIR,
    PAGES_DIR,
    PEOPLE_FILE,
    SETTINGS_FILE,
    SIGNOFFS_FILE,
    SOURCES_DIR,
    URGENT_FILE,
    WEIGH_UP_FILE,
    Project,
)
from sitegen.content.model import Content, Page
from sitegen.content.nav import read_nav, read_site_url
from sitegen.content.options import Guideline, Option, WeighUp
from sitegen.content.origin import same_origin
from sitegen.content.people import Contributor, SignOff
from sitegen.content.schema import (
    EvidenceClaim,
    Figures,
    GlossaryEntry,
    PageMeta,
    SiteSettings,
    Source,
    UrgentHelp,
)
from sitegen.content.shares import load_in_shares
from sitegen.content.text import PageBody
from sitegen.problems import Location, Problems

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*\n?", re.S | re.M)


def load_settings(files: ContentFiles) -> SiteSettings | None:
    path = files.root / SETTINGS_FILE
    if not path.is_file():
        files.fail(path, 1, "the site settings file is missing")
        return None
    doc = files.read_yaml(path)
    if doc is None:
        return None
    return files.validate(SiteSettings, doc.data, doc, path)


def load_source(files: ContentFiles, path: Path) -> Source | None:
    source_id = path.stem
    if not is_valid_id(source_id):
        files.fail(path, 1, f"'{source_id}' cannot be a source id: {ID_RULE}")
        return None
    doc = files.read_yaml(path)
    if doc is None:
        return None
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
            files.fail(path, doc.lines.line_of(("id",)), message)
            return None
        data["id"] = source_id
    return files.validate(Source, data, doc, path)


def load_option(files: ContentFiles, path: Path) -> Option | None:
    if not is_valid_id(path.stem):
        files.fail(path, 1, f"'{path.stem}' cannot be an option's id: {ID_RULE}")
        return None
    doc = files.read_yaml(path)
    if doc is None:
        return None
    data = {**doc.data, "id": path.stem} if isinstance(doc.data, dict) else doc.data
    return files.validate(Option, data, doc, path)


def load_record(files: ContentFiles, name: str, model: type[RecordT]) -> RecordT:
    """A data file that is one record, such as weigh-up.yml; the empty record when the
    file is missing, empty or cannot be read (its problems are reported)."""
    path = files.root / name
    if not path.is_file():
        return model()
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return model()
    return files.validate(model, doc.data, doc, path) or model()


def load_by_id(files: ContentFiles, name: str, model: type[RecordT]) -> dict[str, RecordT]:
    """A data file of records by id (`id:` then its fields), such as people.yml."""
    path = files.root / name
    if not path.is_file():
        return {}
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        files.fail(path, 1, "expected one entry per id, each 'id:' followed by its fields")
        return {}
    found = {}
    for key, item in doc.data.items():
        record = files.validate(model, item, doc, path, (str(key),))
        if record is not None:
            found[str(key)] = record
    return found


def load_glossary(files: ContentFiles) -> list[GlossaryEntry]:
    path = files.root / GLOSSARY_FILE
    if not path.is_file():
        return []
    doc = files.read_yaml(path)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        files.fail(path, 1, "expected a list of entries, each starting with '- term:'")
        return []
    entries = [
        files.validate(GlossaryEntry, item, doc, path, (i,)) for i, item in enumerate(doc.data)
    ]
    return [entry for entry in entries if entry is not None]


def load_page(files: ContentFiles, path: Path, interval_months: int) -> Page | None:
    if not is_valid_id(path.stem):
        files.fail(path, 1, f"'{path.stem}' cannot be a page's name: {ID_RULE}")
        return None
    text = files.read_text(path)
    if text is None:
        return None
    if not text.startswith("---"):
        files.fail(
            path, 1, "the page must start with front matter: a line '---', the fields, then '---'"
        )
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        files.fail(path, 1, "the front matter is not closed: add a line '---' after its last field")
        return None
    doc = files.parse(path, match.group(1), 2)
    if doc is None:
        return None
    meta = files.validate(PageMeta, doc.data, doc, path)
    if meta is None:
        return None
    body_first_line = text.count("\n", 0, match.end()) + 1
    return Page(
        name=path.stem,
        path=files.name(path),
        meta=meta,
        body=PageBody(text[match.end() :], body_first_line),
        next_review_due=meta.next_review_due or add_months(meta.last_reviewed, interval_months),
    )


def option_page(option: Option, interval_months: int) -> Page:
    """The page an option becomes: its body is the marker that draws the option. Its front
    matter is made from the option's own fields, which the option's schema checked: a rule
    PageMeta adds for a field must hold for the option's field too (options.py)."""
    meta = PageMeta(
        title=option.name,
        description=option.description,
        last_reviewed=option.last_reviewed,
        next_review_due=None,
        reviewed_by=option.reviewed_by,
        written_by=option.written_by,
        evidence_searched=option.evidence_search.searched,
        key_points=[],
        changes=[],
        search_boost=option.search_boost,
        urgent_help=option.urgent_help,
    )
    same_origin(meta, option)
    return Page(
        name=option.id,
        path=option.where().path,
        meta=meta,
        body=PageBody(f"[[option:{option.id}]]\n", 1),
        next_review_due=add_months(option.last_reviewed, interval_months),
    )


def _listing(folder: Path, suffix: str) -> list[Path]:
    return sorted(path for path in folder.glob(f"*{suffix}") if not path.name.startswith("."))


def load_content(project: Project) -> tuple[Content | None, Problems]:
    """Read every file of the project's content, field by field.

    Returns the content that could be read (None when the site settings cannot be) and
    every problem found on the way.
    """
    problems = Problems()
    files = ContentFiles(project.content_dir, problems)
    if not project.content_dir.is_dir():
        problems.error(
            Location(files.name(project.content_dir), 1), "the content folder does not exist"
        )
        return None, problems
    settings = load_settings(files)
    interval = settings.review_interval_months if settings else 12
    source_paths = _listing(project.content_dir / SOURCES_DIR, ".yml")
    page_paths = _listing(project.content_dir / PAGES_DIR, ".md")
    # The kinds with thousands of files on a large site, loaded on every core.
    loaded_sources, loaded_pages = load_in_shares(
        files,
        [(source_paths, load_source), (page_paths, partial(load_page, interval_months=interval))],
    )
    sources = {source.id: source for source in loaded_sources if source is not None}
    glossary = load_glossary(files)
    option_paths = _listing(project.content_dir / OPTIONS_DIR, ".yml")
    options = {option.id: option for path in option_paths if (option := load_option(files, path))}
    guidelines = load_by_id(files, GUIDELINES_FILE, Guideline)
    weigh_up = load_record(files, WEIGH_UP_FILE, WeighUp)
    urgent = load_by_id(files, URGENT_FILE, UrgentHelp)
    people = load_by_id(files, PEOPLE_FILE, Contributor)
    signoffs = load_by_id(files, SIGNOFFS_FILE, SignOff)
    evidence = load_by_id(files, EVIDENCE_FILE, EvidenceClaim)
    figures = load_record(files, FIGURES_FILE, Figures)
    pages: list[Page] = [page for page in loaded_pages if page is not None]
    page_names = {path.stem for path in page_paths}
    for option_id in sorted(options.keys() & page_names):
        files.fail(
            project.content_dir / OPTIONS_DIR / f"{option_id}.yml",
            1,
            f"an option cannot have the id of a page (content_src/pages/{option_id}.md):"
            " rename one of them",
        )
        del options[option_id]
    pages += [option_page(option, interval) for option in options.values()]
    nav = read_nav(project.mkdocs_config, problems)
    if settings is None:
        return None, problems
    order = {entry.file: index for index, entry in enumerate(nav)}
    pages.sort(key=lambda page: order.get(page.output_name, len(order)))
    content = Content(
        settings=settings,
        sources=MappingProxyType(sources),
        pages=tuple(pages),
        glossary=tuple(glossary),
        evidence=MappingProxyType(evidence),
        figures=figures,
        options=MappingProxyType(options),
        guidelines=MappingProxyType(guidelines),
        weigh_up=weigh_up,
        urgent_help=MappingProxyType(urgent),
        people=MappingProxyType(people),
        signoffs=MappingProxyType(signoffs),
        site_url=read_site_url(project.mkdocs_config),
        nav=tuple(nav),
        page_files=frozenset(path.stem for path in [*page_paths, *option_paths]),
        option_files=frozenset(path.stem for path in option_paths),
        source_files=frozenset(path.stem for path in source_paths),
        unread_files=frozenset(files.unread),
        source_paths=MappingProxyType({s.id: s.where().path for s in sources.values()}),
    )
    return content, problems
