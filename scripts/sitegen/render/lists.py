"""The lists some pages end with: every source, every glossary term, every change.

Each ends with one line break and has no run of blank lines in it, so that the page around
a list of megabytes has none to take out either (see page.md.j2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sitegen.content.fields import format_day, format_source_date
from sitegen.content.layout import ABOUT_PAGE, CHANGES_PAGE, GLOSSARY_PAGE, SOURCES_PAGE
from sitegen.content.markdown import slugify
from sitegen.content.model import Content
from sitegen.content.people import PEOPLE_HEADING, POLICIES_HEADING
from sitegen.content.words import NO_DATE
from sitegen.render.escaping import escape
from sitegen.render.references import full_reference, short_name, source_heading
from sitegen.render.templating import render_template

#: How the Sources page groups sources, in the order shown.
SOURCE_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Studies and reviews of studies",
        frozenset(
            {"randomized trial", "observational study", "systematic review", "meta-analysis"}
        ),
    ),
    (
        "Guidelines and expert assessments",
        frozenset({"guideline", "professional society assessment"}),
    ),
    (
        "The drug label, regulators, prices and insurers",
        frozenset({"drug label", "regulatory document", "price list", "insurance policy"}),
    ),
    ("Health information for the public", frozenset({"public health information"})),
    ("Articles this site checked and corrected", frozenset({"consumer article", "clinic blog"})),
)

#: Renders a Markdown field for the page it lands on.
Inline = Callable[[str], str]


@dataclass(frozen=True)
class SourceEntry:
    """What the Sources page shows about one source."""

    id: str
    title: str
    reference: str
    kind: str
    published: str
    updated: str | None
    accessed: str
    note: str
    conflicts: str
    #: A link to each page that cites the source, to that page's list of sources.
    cited_on: list[str]


def source_entries(content: Content, inline: Inline) -> list[tuple[str, list[SourceEntry]]]:
    """The sources, grouped as the Sources page shows them, each group sorted by name."""
    citing: dict[str, list[str]] = {key: [] for key in content.sources}
    titles = content.nav_titles
    for page in content.pages:
        # Made once for each page, not once for each of its thousands of citations, in the
        # form changes.md.j2 and about.md.j2 give a link to a page.
        link = f"[{escape(titles[page.name])}]({page.output_name}#sources-for-this-page)"
        for key in content.cited_keys(page):
            if key in citing:
                citing[key].append(link)
    ordered = sorted(content.sources.values(), key=lambda item: (short_name(item).lower(), item.id))
    names = Counter(short_name(source) for source in ordered)
    groups: list[tuple[str, list[SourceEntry]]] = []
    for heading, kinds in SOURCE_GROUPS:
        entries = [
            SourceEntry(
                id=source.id,
                title=source_heading(source, unique=names[short_name(source)] == 1),
                reference=full_reference(source),
                kind=source.kind,
                published=format_source_date(source.issued)
                if source.issued != NO_DATE
                else NO_DATE,
                updated=format_source_date(source.updated) if source.updated else None,
                accessed=format_day(source.accessed),
                note=inline(source.note.strip()),
                conflicts=inline(source.conflicts.strip()),
                cited_on=citing[source.id],
            )
            for source in ordered
            if source.kind in kinds
        ]
        if entries:
            groups.append((heading, entries))
    return groups


def sources_list(content: Content, inline: Inline) -> str:
    return render_template("sources.md.j2", groups=source_entries(content, inline))


def glossary_list(content: Content, inline: Inline) -> str:
    """The terms in alphabetical order, folded in groups of first letters ("A to C"), so
    that a phone shows the groups first; a link to a term opens its group."""
    entries = [
        {"term": entry.term, "definition": entry.definition, "anchor": slugify(entry.term)}
        for entry in sorted(content.glossary, key=lambda e: e.term.lower())
    ]
    groups: list[tuple[str, list[dict[str, str]]]] = []
    for start in range(0, len(entries), GLOSSARY_GROUP):
        chunk = entries[start : start + GLOSSARY_GROUP]
        first, last = chunk[0]["term"][:1].upper(), chunk[-1]["term"][:1].upper()
        groups.append((first if first == last else f"{first} to {last}", chunk))
    return render_template("glossary.md.j2", groups=groups)


#: Terms in each fold of the Glossary page.
GLOSSARY_GROUP = 12


def changes_list(content: Content, inline: Inline) -> str:
    """Every page's recorded changes, newest first, for the "What's changed" page."""
    changes = sorted(
        (
            (change.date, page, inline(change.summary))
            for page in content.pages
            for change in page.meta.changes
        ),
        key=lambda item: (item[0], item[1].output_name),
        reverse=True,
    )
    return render_template("changes.md.j2", changes=changes, titles=content.nav_titles)


def about_list(content: Content, inline: Inline) -> str:
    """Who writes and reviews the site, its sign-offs, and how it is paid for and run."""
    policies = content.settings.policies
    signoffs = []
    for page in content.pages:
        signed, current = content.signoff(page)
        if signed is not None:
            signoffs.append((page, signed, current))
    signed_by = {
        page.name: (content.people[s.by].name if s.by in content.people else s.by)
        for page, s, _ in signoffs
    }
    return render_template(
        "about.md.j2",
        people=list(content.people.values()),
        people_heading=PEOPLE_HEADING,
        policies_heading=POLICIES_HEADING,
        signoffs=signoffs,
        signed_by=signed_by,
        titles=content.nav_titles,
        policies=policies,
        publisher=content.settings.publisher,
        editorial=inline(policies.editorial_policy) if policies else "",
        update=inline(policies.update_policy) if policies else "",
        report=bool(policies and (policies.feedback.issue_url or policies.feedback.email)),
        email=policies.feedback.email if policies else None,
    )


#: Pages whose generated list follows the text written for them.
GENERATED_LISTS: dict[str, Callable[[Content, Inline], str]] = {
    ABOUT_PAGE: about_list,
    SOURCES_PAGE: sources_list,
    GLOSSARY_PAGE: glossary_list,
    CHANGES_PAGE: changes_list,
}
