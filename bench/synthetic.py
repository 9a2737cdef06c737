"""Synthetic projects for the build benchmark: the real content's shape, N times over.

`write_project(real_root, dest, scale)` reads the real content_src/ and writes a project
with `scale` times as many pages, sources, citations, FAQ entries, glossary terms, evidence
claims and figures, in the same proportions. Every page copies the shape of a real page
line by line (headings, paragraphs, lists, tables, boxes, markers, links and the same
citations), in short plain sentences, so the result passes `sitegen check`.

    .venv/bin/python bench/synthetic.py --scale 10 --out /tmp/site-10x
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

from sitegen.content.faq import split_faq
from sitegen.content.layout import Project
from sitegen.content.load import FRONT_MATTER, load_content
from sitegen.content.markdown import CITATION_GROUP, CITATION_KEY
from sitegen.content.model import Content, Page
from sitegen.content.yamlfile import parse_yaml
from sitegen.output.stamp import is_generated

# Pages with a role of their own, by file name (see content_src/README.md).
FAQ_PAGE = "faq"  # every "## " heading is a question
HOME_PAGE = "overview"  # written as docs/index.md
SOURCES_PAGE = "sources"  # its anchors include every source's id

_NAV_BLOCK = re.compile(r"^nav:[ \t]*\n(?:[ \t]*(?:-|#)[^\n]*\n)*", re.M)
_CUSTOM_DIR = re.compile(r"^[ \t]+custom_dir:[ \t]*['\"]?([^'\"\s#]+)", re.M)
_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_MARKER = re.compile(r"^([ \t]*)\[\[([a-z-]+):([a-z0-9-]+)\]\][ \t]*$")
_LIST_PREFIX = re.compile(r"^([ \t]*(?:(?:[-*+]|\d+\.)[ \t]+(?:\[[ xX]\][ \t]+)?)?)")
_BOLD_LEAD = re.compile(r"^\*\*[^*]+\*\*[ \t]*")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
#: Markers drawn from evidence.yml and figures.yml, which are copied once per group.
_SCALED_MARKERS = frozenset({"evidence", "icon-array", "timeline"})
_HEADING_LINK = re.compile(r"(\]\([a-z0-9-]+\.md)#[a-z0-9-]+\)")
_WORD = re.compile(r"[A-Za-z0-9$']+")

_SUBJECTS = (
    "most people",
    "some adults",
    "the trial",
    "this review",
    "your doctor",
    "the team",
    "one study",
    "each shot",
    "many people",
    "the guide",
    "a nurse",
    "the group",
)
_VERBS = ("found", "saw", "had", "felt", "gave", "used", "showed", "said", "made", "got")
_CHUNKS = (
    "less pain",
    "a small change",
    "no clear gain",
    "some relief",
    "more side effects",
    "after {n} weeks",
    "at each visit",
    "in the first month",
    "for a short time",
    "with salt water",
    "in most cases",
    "at home",
    "from the start",
    "by the end",
    "in {n} of 10 people",
    "with a short walk",
    "on a bad day",
    "for their back",
    "for the neck",
)
_HEADINGS = (
    "What the trials found",
    "What this means for you",
    "How it is done",
    "Side effects",
    "What it costs",
    "Who it may help",
    "What to ask",
    "What we do not know",
    "How long it lasts",
    "Other things to try",
)
_QUESTIONS = (
    "does it help with back pain",
    "how long does it last",
    "is it safe",
    "what does it cost",
    "how soon will it work",
    "will my insurer pay",
    "what else can I try",
    "does it hurt",
)
_TERM_SENTENCE = "Ask your doctor what {term} means."
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Profile:
    """What a project's content holds: the counts the synthetic projects scale."""

    pages: int
    sources: int
    citations: int
    faq_entries: int
    glossary_terms: int
    markers: int
    evidence: int
    figures: int
    words: int

    @property
    def citations_per_page(self) -> float:
        return self.citations / self.pages if self.pages else 0.0


def load(content_dir: Path) -> Content:
    content, problems = load_content(Project(content_dir.parent))
    if content is None or problems.errors:
        details = "\n".join(str(problem) for problem in problems.errors)
        raise ValueError(f"{content_dir} does not load cleanly:\n{details}")
    return content


def measure(content_dir: Path) -> Profile:
    """Count what the content in `content_dir` holds."""
    content = load(content_dir)
    faq = content.page(FAQ_PAGE)
    return Profile(
        pages=len(content.pages),
        sources=len(content.sources),
        citations=sum(len(content.citations(page)) for page in content.pages),
        faq_entries=len(split_faq(faq.body)[1]) if faq else 0,
        glossary_terms=len(content.glossary),
        markers=sum(len(page.body.scan.markers) for page in content.pages),
        evidence=len(content.evidence),
        figures=len(content.figures.icon_arrays) + len(content.figures.timelines),
        words=sum(len(page.body.split()) for page in content.pages),
    )


def _count_headings(text: str) -> int:
    return sum(1 for line in text.split("\n") if _HEADING.match(line))


def _word_factor(text: str, terms: int) -> float:
    """How much to shorten a page's lines to leave room for its glossary term sentences."""
    added = len(_TERM_SENTENCE.split()) * terms
    return max(0.5, 1 - added / max(1, len(text.split())))


_WORD_SHAPE = (_CONSONANTS, _VOWELS, _CONSONANTS, _VOWELS, _CONSONANTS)
_WORD_COUNT = math.prod(len(alphabet) for alphabet in _WORD_SHAPE)


def _invented_word(index: int) -> str:
    """The index-th made-up word of two syllables, such as 'belak' (consonant, vowel, ...).

    Indexes are shuffled by a multiplier that shares no factor with the word count, so
    consecutive words look different and no word comes twice.
    """
    if not 0 <= index < _WORD_COUNT:
        raise ValueError(f"only {_WORD_COUNT} made-up words exist")
    number = index * 7919 % _WORD_COUNT
    letters = []
    for alphabet in _WORD_SHAPE:
        number, digit = divmod(number, len(alphabet))
        letters.append(alphabet[digit])
    return "".join(letters)


def _vocabulary() -> set[str]:
    words = " ".join((*_SUBJECTS, *_VERBS, *_CHUNKS, *_HEADINGS, *_QUESTIONS)).lower()
    return set(_WORD.findall(words))


def invented_terms(count: int, shape: list[str]) -> list[str]:
    """`count` distinct made-up terms; one of two words where the real term in `shape` has a
    space, so multi-word terms keep their share."""
    taken = _vocabulary()
    words: Iterator[str] = (
        word for word in map(_invented_word, range(1, _WORD_COUNT)) if word not in taken
    )
    terms = []
    for index in range(count):
        parts = 2 if " " in shape[index % len(shape)] else 1
        terms.append(" ".join(next(words) for _ in range(parts)))
    return terms


def spellings(term: str) -> list[str]:
    """The term as defined, and with a capital first letter, as the tooltips match it."""
    capitalised = term[:1].upper() + term[1:]
    return [term] if capitalised == term else [term, capitalised]


def terms_in(text: str, terms: list[str]) -> int:
    """How many of `terms` appear in `text` as whole words (as the glossary tooltips match)."""
    return sum(
        1
        for term in terms
        if any(
            re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", text)
            for spelling in spellings(term)
        )
    )


@dataclass
class PagePlan:
    """One synthetic page: which real page it copies the shape of, and for which copy."""

    name: str
    template: Page
    group: int
    single: bool  # the real page exists once at any size
    #: The real page's menu title.
    menu_title: str = ""
    headings: list[str] = field(default_factory=list)

    @property
    def stand_in(self) -> bool:
        """A short page in place of a further copy of a single page."""
        return self.group > 0 and self.single

    @property
    def output_name(self) -> str:
        return "index.md" if self.name == HOME_PAGE else f"{self.name}.md"

    @property
    def nav_title(self) -> str:
        title = self.menu_title
        return title if self.group == 0 else f"{title} {self.group + 1}"


class Synthesizer:
    """Writes the synthetic content: everything `scale` times, in the real proportions."""

    def __init__(self, content: Content, scale: int, seed: int) -> None:
        self.content = content
        self.scale = scale
        self.rng = random.Random(seed)
        self.word_factor = 1.0
        #: Pages that exist once: the FAQ, whose questions grow in number instead, and the
        #: pages that cite nothing (sources, glossary...), which list what grows.
        self.single = frozenset(
            {FAQ_PAGE, *(page.name for page in content.pages if not content.citations(page))}
        )
        self.terms = invented_terms(
            len(content.glossary) * scale, [entry.term for entry in content.glossary]
        )
        #: Pages written in Markdown; pages drawn from data (an option's file) stay as
        #: they are, once, with their data and the sources they cite.
        self.prose_pages = [page for page in content.pages if page.path.endswith(".md")]
        self.data_pages = [page for page in content.pages if not page.path.endswith(".md")]
        self.plans = self._plan_pages()
        self.by_copy = {(plan.template.name, plan.group): plan for plan in self.plans}
        faq = content.page(FAQ_PAGE)
        self.faq_entries = split_faq(faq.body)[1] if faq else []

    # Naming -----------------------------------------------------------------------------

    @staticmethod
    def key(source_id: str, group: int) -> str:
        return f"{source_id}-s{group}"

    def cite(self, group_text: str, group: int) -> str:
        keys = [self.key(key, group) for key in CITATION_KEY.findall(group_text)]
        return "[" + "; ".join(f"@{key}" for key in keys) + "]"

    def citations_in(self, text: str, group: int) -> list[str]:
        """The citation groups in `text`, citing the group's copies of the same sources."""
        return [self.cite(match.group(0), group) for match in CITATION_GROUP.finditer(text)]

    def group_terms(self, group: int) -> list[str]:
        size = len(self.content.glossary)
        return self.terms[group * size : (group + 1) * size]

    # Pages and their order ---------------------------------------------------------------

    def _plan_pages(self) -> list[PagePlan]:
        """Every real page `scale` times; copy g cites group g's sources (and data)."""
        plans = [
            PagePlan(
                page.name if group == 0 else f"{page.name}-{group}",
                page,
                group,
                page.name in self.single,
                self.content.nav_titles[page.name],
            )
            for group in range(self.scale)
            for page in self.prose_pages
        ]
        for plan in plans:
            plan.headings = self._headings_for(plan)
        return plans

    def _headings_for(self, plan: PagePlan) -> list[str]:
        if plan.name != FAQ_PAGE:
            count = _count_headings(self.template_text(plan))
            return [f"{self.rng.choice(_HEADINGS)} {index + 1}" for index in range(count)]
        intro, entries = split_faq(plan.template.body)
        per_copy = sum(1 + _count_headings(entry.answer) for entry in entries)
        count = _count_headings(intro) + per_copy * self.scale
        return [f"Question {index + 1}: {self.rng.choice(_QUESTIONS)}?" for index in range(count)]

    @staticmethod
    def template_text(plan: PagePlan) -> str:
        """The real text a page copies: a stand-in copies only the text before any FAQ."""
        if plan.stand_in and plan.template.name == FAQ_PAGE:
            return split_faq(plan.template.body)[0]
        return plan.template.body

    def plan_for(self, name: str, group: int) -> PagePlan | None:
        if name in self.single:
            return self.by_copy.get((name, 0))
        return self.by_copy.get((name, group))

    # Sentences ---------------------------------------------------------------------------

    def sentence(self, words: int) -> str:
        parts = [self.rng.choice(_SUBJECTS), self.rng.choice(_VERBS)]
        while len(" ".join(parts).split()) < words - 1:
            parts.append(self.rng.choice(_CHUNKS).format(n=self.rng.randint(2, 9)))
        text = " ".join(parts)
        return text[0].upper() + text[1:]

    def prose(self, words: int, citations: list[str], links: list[str]) -> str:
        """About `words` words in short sentences; the citations end the last sentences."""
        words = max(4, round(words * self.word_factor))
        count = max(1, len(citations), round(words / 8))
        size = max(4, words // count)
        endings = [""] * (count - len(citations)) + citations
        sentences = [self.sentence(size) + (f" {cited}." if cited else ".") for cited in endings]
        sentences += [f"Read [{self.sentence(3).lower()}]({target})." for target in links]
        return " ".join(sentences)

    def phrase(self, words: int, citations: list[str]) -> str:
        """A table cell: a few words, with its citations at the end."""
        text = " ".join(self.sentence(max(2, words)).split()[: max(2, words)])
        return " ".join([text, *citations])

    # Links -------------------------------------------------------------------------------

    def link_target(self, target: str, plan: PagePlan) -> str:
        if target.startswith(("http://", "https://", "mailto:", "tel:")):
            return target
        name, _, anchor = target.partition("#")
        destination = plan if not name else self.plan_for(name.removesuffix(".md"), plan.group)
        if destination is None:
            destination = plan
        file_name = "" if destination is plan and not name else f"{destination.name}.md"
        if not anchor:
            return file_name or "#"
        if destination.name == SOURCES_PAGE and anchor in self.content.sources:
            return f"{file_name}#{self.key(anchor, plan.group)}"
        if not destination.headings:
            return file_name or f"#{slugify(destination.template.meta.title, '-')}"
        heading = self.rng.choice(destination.headings)
        return f"{file_name}#{slugify(heading, '-')}"

    # Lines -------------------------------------------------------------------------------

    def line(self, text: str, plan: PagePlan, headings: Iterator[str]) -> str:
        """A synthetic line of the same kind as `text`, with the same citations and links."""
        stripped = text.strip()
        if not stripped or stripped.startswith(("!!!", "???", "```", "~~~", "<")):
            return text
        heading = _HEADING.match(text)
        if heading:
            return f"{heading.group(1)} {next(headings)}"
        marker = _MARKER.match(text)
        if marker:
            indent, kind, key = marker.groups()
            if kind not in _SCALED_MARKERS:  # drawn from data copied as it is
                return text
            return f"{indent}[[{kind}:{key}-s{plan.group}]]"
        if stripped.startswith("|"):
            return self.table_row(stripped, plan)
        prefix = _LIST_PREFIX.match(text)
        lead = prefix.group(1) if prefix else ""
        body = text[len(lead) :]
        bold = "**Note this:** " if _BOLD_LEAD.match(body) else ""
        return lead + bold + self.text(body, plan)

    def text(self, body: str, plan: PagePlan) -> str:
        citations = self.citations_in(body, plan.group)
        links = [self.link_target(match.group(2), plan) for match in _LINK.finditer(body)]
        plain = _LINK.sub(r"\1", CITATION_GROUP.sub("", body))
        words = len(plain.split()) - 4 * len(links)
        return self.prose(max(4, words), citations, links)

    def table_row(self, row: str, plan: PagePlan) -> str:
        cells = row.strip("|").split("|")
        if all(set(cell.strip()) <= set("-: ") for cell in cells):
            return row
        new_cells = []
        for cell in cells:
            citations = self.citations_in(cell, plan.group)
            words = len(CITATION_GROUP.sub("", cell).split())
            new_cells.append(self.phrase(words, citations))
        return "| " + " | ".join(new_cells) + " |"

    # Pages -------------------------------------------------------------------------------

    def body(self, plan: PagePlan) -> str:
        headings = iter(plan.headings)
        if plan.name == FAQ_PAGE:
            return self.faq_body(plan, headings)
        text = self.template_text(plan)
        visible = text if plan.stand_in else "\n".join([text, *plan.template.meta.key_points])
        wanted = self.terms_wanted(visible)
        self.word_factor = _word_factor(text, wanted)
        lines = [self.line(line, plan, headings) for line in text.split("\n")]
        if plan.stand_in:
            first_source = self.key(min(self.content.sources), plan.group)
            lines += ["", f"{self.sentence(8)} [@{first_source}]."]
        return "\n".join(self.with_terms(lines, plan.group, wanted))

    def faq_body(self, plan: PagePlan, headings: Iterator[str]) -> str:
        """The FAQ's text, then its questions and answers once per group."""
        intro, _ = split_faq(plan.template.body)
        wanted = self.terms_wanted("\n".join([plan.template.body, *plan.template.meta.key_points]))
        self.word_factor = _word_factor(plan.template.body, wanted)
        lines = [self.line(line, plan, headings) for line in intro.split("\n")]
        for group in range(self.scale):
            member = PagePlan(plan.name, plan.template, group, True, plan.menu_title, plan.headings)
            block = []
            for entry in self.faq_entries:
                block += ["", f"## {next(headings)}", ""]
                block += [self.line(line, member, headings) for line in entry.answer.split("\n")]
            lines += self.with_terms(block, group, wanted)
        return "\n".join(lines)

    def terms_wanted(self, real_text: str) -> int:
        return terms_in(real_text, [entry.term for entry in self.content.glossary])

    def with_terms(self, lines: list[str], group: int, wanted: int) -> list[str]:
        """`lines`, mentioning `wanted` of the group's glossary terms in plain sentences."""
        prose_lines = [
            index
            for index, line in enumerate(lines)
            if line.strip() and not line.lstrip().startswith(("#", "|", "[[", "!!!", "<"))
        ]
        terms = self.group_terms(group)
        if prose_lines:
            for term in self.rng.sample(terms, min(wanted, len(terms))):
                index = self.rng.choice(prose_lines)
                lines[index] += f" {_TERM_SENTENCE.format(term=term)}"
        return lines

    def front_matter(self, plan: PagePlan, source_text: str) -> str:
        self.word_factor = 1.0
        match = FRONT_MATTER.match(source_text)
        assert match is not None
        document = parse_yaml(match.group(1), 2)
        data: dict[str, Any] = dict(document.data)
        if plan.group:
            data["title"] = f"{plan.template.meta.title} (part {plan.group + 1})"
        if plan.stand_in:
            data.pop("key_points", None)
        if "key_points" in data:
            data["key_points"] = [
                self.prose(
                    len(CITATION_GROUP.sub("", point).split()),
                    self.citations_in(point, plan.group),
                    [],
                )
                for point in plan.template.meta.key_points
            ]
        return (
            "---\n"
            + yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=1000)
            + "---\n"
        )

    # Data files --------------------------------------------------------------------------

    def copies(self, items: dict[str, Any]) -> dict[str, Any]:
        """Each entry of a data file once per group, citing that group's sources."""
        result: dict[str, Any] = {}
        for group in range(self.scale):
            for key, item in items.items():
                copy = self.cited_by_group(item, group)
                copy["sources"] = [self.key(source, group) for source in item["sources"]]
                result[f"{key}-s{group}"] = copy
        return result

    def cited_by_group(self, value: Any, group: int) -> Any:
        """`value` with the citations in its texts citing the group's copies of the sources."""
        if isinstance(value, str):
            return CITATION_GROUP.sub(lambda match: self.cite(match.group(0), group), value)
        if isinstance(value, dict):
            return {key: self.cited_by_group(item, group) for key, item in value.items()}
        if isinstance(value, list):
            return [self.cited_by_group(item, group) for item in value]
        return value


def _read_yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8")).data if path.is_file() else None


class _NoAliases(yaml.SafeDumper):
    """Writes repeated values out in full: the content's YAML refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)


def replace_nav(text: str, entries: list[str]) -> str:
    """`text` (mkdocs.yml) with its nav list replaced by `entries`."""
    nav = "nav:\n" + "".join(f"  - {entry}\n" for entry in entries)
    new_text, count = _NAV_BLOCK.subn(nav, text, count=1)
    if count != 1:
        raise ValueError("no 'nav:' list found")
    return new_text


def copy_build_files(real_root: Path, dest: Path) -> None:
    """mkdocs.yml's companions: hand-made files in docs/ and the theme's custom_dir."""
    docs = real_root / "docs"
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if path.is_file() and not (path.suffix == ".md" and is_generated(path)):
            target = dest / "docs" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    (dest / "docs").mkdir(parents=True, exist_ok=True)
    config = (real_root / "mkdocs.yml").read_text(encoding="utf-8")
    custom = _CUSTOM_DIR.search(config)
    if custom and (real_root / custom.group(1)).is_dir():
        shutil.copytree(real_root / custom.group(1), dest / custom.group(1))


def copy_real_project(real_root: Path, dest: Path) -> None:
    """The real project's content and build settings, without its generated pages."""
    shutil.copytree(real_root / "content_src", dest / "content_src")
    shutil.copy2(real_root / "mkdocs.yml", dest / "mkdocs.yml")
    copy_build_files(real_root, dest)


def write_sources(synth: Synthesizer, real_dir: Path, out_dir: Path) -> None:
    # The real sources as they are, for the data files copied as they are.
    shutil.copytree(real_dir, out_dir)
    for source_id in synth.content.sources:
        for group in range(synth.scale):
            new_id = synth.key(source_id, group)
            record = _read_yaml(real_dir / f"{source_id}.yml")
            # Each copy a different work, or the check would find it a duplicate.
            for key in ("DOI", "PMID", "PMCID"):
                record.pop(key, None)
            if "URL" in record:
                record["URL"] = f"{record['URL'].split('#')[0].rstrip('/')}/copy-{group + 1}"
            record["title"] = f"{record['title']} (copy {group + 1})"
            (out_dir / f"{new_id}.yml").write_text(_dump_yaml(record), encoding="utf-8")


def write_data_files(synth: Synthesizer, real: Path, out: Path) -> None:
    glossary = [
        {
            "term": term,
            "definition": synth.content.glossary[index % len(synth.content.glossary)].definition,
        }
        for index, term in enumerate(synth.terms)
    ]
    (out / "glossary.yml").write_text(_dump_yaml(glossary), encoding="utf-8")
    evidence = _read_yaml(real / "evidence.yml")
    if evidence:
        (out / "evidence.yml").write_text(_dump_yaml(synth.copies(evidence)), encoding="utf-8")
    figures = _read_yaml(real / "figures.yml")
    if figures:
        scaled = {section: synth.copies(items or {}) for section, items in figures.items()}
        (out / "figures.yml").write_text(_dump_yaml(scaled), encoding="utf-8")


def write_pages(synth: Synthesizer, real: Path, out: Path) -> None:
    (out / "pages").mkdir(parents=True)
    for plan in synth.plans:
        source_text = (real / "pages" / f"{plan.template.name}.md").read_text(encoding="utf-8")
        text = synth.front_matter(plan, source_text) + synth.body(plan).rstrip("\n") + "\n"
        (out / "pages" / f"{plan.name}.md").write_text(text, encoding="utf-8")


def _drop_uncited_copies(out: Path) -> None:
    """Copies of sources that only the data copied as it is would cite are left out: the
    real content cites every source, and so does the synthetic one."""
    texts = "\n".join(
        path.read_text(encoding="utf-8")
        for path in [*out.glob("*.yml"), *(out / "pages").glob("*.md")]
    )
    cited = set(re.findall(r"[a-z0-9-]+-s\d+", texts))
    for path in (out / "sources").glob("*.yml"):
        if re.search(r"-s\d+$", path.stem) and path.stem not in cited:
            path.unlink()


def write_project(real_root: Path, dest: Path, scale: int, seed: int = 0) -> None:
    """Write a project `scale` times the size of the one in `real_root` into `dest`."""
    real = real_root / "content_src"
    synth = Synthesizer(load(real), scale, seed)
    out = dest / "content_src"
    out.mkdir(parents=True)
    for name in ("README.md",):
        if (real / name).is_file():
            shutil.copy2(real / name, out / name)
    write_sources(synth, real / "sources", out / "sources")
    write_data_files(synth, real, out)
    write_pages(synth, real, out)
    for path in sorted(real.iterdir()):  # the other data, as it is
        if not (out / path.name).exists():
            copy = shutil.copytree if path.is_dir() else shutil.copy2
            copy(path, out / path.name)
    settings = _read_yaml(real / "site.yml")
    settings.pop("decision_aid", None)  # names headings of the real pages
    (out / "site.yml").write_text(_dump_yaml(settings), encoding="utf-8")
    _drop_uncited_copies(out)
    for path in sorted(out.glob("*.yml")):  # the pages' headings are new: link to pages
        text = path.read_text(encoding="utf-8")
        path.write_text(_HEADING_LINK.sub(r"\1)", text), encoding="utf-8")
    config = (real_root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = [f"{json.dumps(plan.nav_title)}: {plan.output_name}" for plan in synth.plans]
    nav += [
        f"{json.dumps(synth.content.nav_titles[page.name])}: {page.output_name}"
        for page in synth.data_pages
    ]
    (dest / "mkdocs.yml").write_text(replace_nav(config, nav), encoding="utf-8")
    copy_build_files(real_root, dest)


def format_profile(label: str, profile: Profile) -> str:
    return (
        f"{label}: {profile.pages} pages, {profile.sources} sources, {profile.citations}"
        f" citations ({profile.citations_per_page:.1f} a page), {profile.faq_entries} FAQ"
        f" entries, {profile.glossary_terms} glossary terms, {profile.markers} markers,"
        f" {profile.evidence} evidence claims, {profile.figures} figures, {profile.words} words"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the real size")
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    write_project(args.project, args.out, args.scale, args.seed)
    print(format_profile("real", measure(args.project / "content_src")))
    print(format_profile(f"{args.scale}x", measure(args.out / "content_src")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
