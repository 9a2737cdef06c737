"""Trust: sign-offs that name real clinicians, and the publish gate.

`sitegen check --publish` (and `make publish`) fails, with a line for each, while anything
a real publication needs is missing or a placeholder: the site's address, the repository,
a feedback route, a named editor, the funding statement, a writer for every page, and any
address on a reserved example domain. `make site` stays a preview build without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.layout import MKDOCS_CONFIG
from sitegen.content.model import Content
from sitegen.problems import Location, Problem, error, suggest

#: Addresses reserved for examples (RFC 2606): never a real publication's.
_PLACEHOLDER = re.compile(r"\b(example\.(com|org|net)|[\w.-]+\.(example|invalid|test))\b", re.I)


def signoffs_name_clinicians(content: Content, context: Context) -> Iterator[Problem]:
    for page_name, signed in content.signoffs.items():
        if content.page(page_name) is None and page_name not in content.page_files:
            yield error(
                signed.where(),
                f"a sign-off of '{page_name}', which is not a page"
                + suggest(page_name, content.page_files),
            )
        person = content.people.get(signed.by)
        if person is None:
            yield error(signed.where("by"), f"'{signed.by}' is not one of the people in people.yml")
        elif not person.clinician or person.kind != "person":
            yield error(
                signed.where("by"),
                f"{person.name} is not a clinician in people.yml (kind: person, clinician: true):"
                " only a clinician signs a page off",
            )
        if signed.date > context.today:
            yield error(signed.where("date"), "a sign-off dated in the future")


def ready_to_publish(content: Content, context: Context) -> Iterator[Problem]:
    """Only with --publish: what a publisher must still supply."""
    if not context.publish:
        return
    settings = content.settings
    if not content.site_url:
        yield error(
            Location(MKDOCS_CONFIG, 1),
            "site_url is not set: write the site's address, such as https://backpain.example.org/"
            " (the sitemap and the pages' links to themselves need it)",
        )
    elif _PLACEHOLDER.search(content.site_url):
        yield error(Location(MKDOCS_CONFIG, 1), f"site_url is a placeholder: {content.site_url}")
    if not settings.repo_url or _PLACEHOLDER.search(settings.repo_url):
        yield error(settings.where("repo_url"), "repo_url: give the repository that holds the site")
    policies = settings.policies
    if policies is None:
        yield error(
            settings.where(),
            "no policies: add policies with the funding, advertising, conflicts, editorial and"
            " update policies and a feedback route",
        )
    else:
        feedback = policies.feedback
        if not (feedback.issue_url or feedback.email):
            yield error(
                policies.where("feedback"),
                "no feedback route: give feedback: issue_url (an issue form) or email",
            )
    for value in (settings.editorial_contact, *(_addresses(content))):
        if value and _PLACEHOLDER.search(value):
            yield error(settings.where(), f"a placeholder address: {value}")
    if not any(person.kind == "person" for person in content.people.values()):
        yield error(
            settings.where(),
            "no named editor: add the people who write and review pages to people.yml, by name",
        )
    for page in content.pages:
        if page.meta.written_by is None:
            yield error(page.meta.where("title"), "this page names no writer: add written_by")


def _addresses(content: Content) -> list[str]:
    policies = content.settings.policies
    if policies is None:
        return []
    return [value for value in (policies.feedback.email, policies.feedback.issue_url) if value]
