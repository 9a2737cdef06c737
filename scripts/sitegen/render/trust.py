"""What every page says about who made it and how to trust it: its writer and reviewers, its
clinical sign-off as it stands, when its evidence was searched, the publisher and funding
in one line, and a link to report a problem, filled in with the page's title and address."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from sitegen.content.fields import format_day
from sitegen.content.layout import ABOUT_PAGE
from sitegen.content.markdown import slugify
from sitegen.content.model import Content, Page
from sitegen.content.people import PEOPLE_HEADING, Contributor
from sitegen.render.escaping import escape

#: The heading of the About page that introduces the people (see lists.py).
PEOPLE_ANCHOR = slugify(PEOPLE_HEADING)


def person_name(person: Contributor) -> str:
    """'Dr Jo Smith, MB ChB' or 'The editorial team'."""
    return f"{person.name}, {person.credentials}" if person.credentials else person.name


def _person_link(key: str | None, content: Content) -> str | None:
    person = content.people.get(key or "")
    if person is None:
        return None
    about = content.page(ABOUT_PAGE)
    name = escape(person.name)
    return f"[{name}]({about.output_name}#{PEOPLE_ANCHOR})" if about else name


def clinical_review(page: Page, content: Content) -> str:
    signed, current = content.signoff(page)
    if signed is None:
        return "No clinician has reviewed this page yet."
    who = content.people.get(signed.by)
    name = escape(person_name(who)) if who else escape(signed.by)
    if current:
        return f"Clinically reviewed by {name} on {format_day(signed.date)}."
    return (
        f"This page has changed since its clinical review by {name} on"
        f" {format_day(signed.date)}: the changes have not been reviewed by a clinician yet."
    )


def page_url(page: Page, content: Content) -> str | None:
    if not content.site_url:
        return None
    stem = page.output_name.removesuffix(".md")
    path = "" if stem == "index" else f"{stem}/"
    return content.site_url.rstrip("/") + "/" + path


def report_link(page: Page, content: Content) -> str | None:
    """A link that opens a message about this page, filled in, to the feedback route."""
    policies = content.settings.policies
    if policies is None:
        return None
    address = page_url(page, content) or page.output_name
    title = f"A problem with the page: {page.meta.title}"
    body = (
        f"Page: {page.meta.title}\nAddress: {address}\n"
        f"Last reviewed: {format_day(page.meta.last_reviewed)}\n\nWhat is wrong or unclear:\n"
    )
    feedback = policies.feedback
    if feedback.issue_url:
        query = urlencode({"title": title, "body": body}, quote_via=quote)
        return f"{feedback.issue_url}?{query}"
    if feedback.email:
        query = urlencode({"subject": title, "body": body}, quote_via=quote)
        return f"mailto:{feedback.email}?{query}"
    return None


def footer_lines(page: Page, content: Content, evidence_month: str | None) -> list[str]:
    """The lines under "Page last reviewed" at the foot of the page."""
    writer = _person_link(page.meta.written_by, content)
    reviewer = _person_link(page.meta.reviewed_by, content) or escape(page.meta.reviewed_by)
    if writer == reviewer:
        who = f"Written and reviewed by: {writer}"
    else:
        who = f"Written by: {writer} · Reviewed by: {reviewer}" if writer else ""
        who = who or f"Reviewed by: {reviewer}"
    if evidence_month:
        who += f" · Evidence searched up to: {evidence_month}"
    lines = [who, f"Clinical review: {clinical_review(page, content)}"]
    settings = content.settings
    published = f"Published by {escape(settings.publisher)}"
    if settings.policies is not None:
        published += f" · Funding: {escape(settings.policies.funding)}"
        published += f" · Advertising: {escape(settings.policies.advertising)}"
    link = report_link(page, content)
    if link:
        published += f" · [Report a problem with this page]({link})"
    if settings.repo_url:
        published += f" · [Edit this page]({settings.repo_url}/edit/main/{page.path})"
    lines.append(published)
    return lines


def _schema_person(person: Contributor) -> dict[str, Any]:
    kind = "Person" if person.kind == "person" else "Organization"
    data: dict[str, Any] = {"@type": kind, "name": person.name}
    if person.credentials:
        data["honorificSuffix" if kind == "Person" else "description"] = person.credentials
    return data


def structured_people(page: Page, content: Content) -> dict[str, Any]:
    """author and reviewedBy for the page's structured data, as the page shows them."""
    data: dict[str, Any] = {}
    writer = content.people.get(page.meta.written_by or "")
    if writer is not None:
        data["author"] = _schema_person(writer)
    signed, current = content.signoff(page)
    clinician = content.people.get(signed.by) if signed is not None and current else None
    reviewer = clinician or content.people.get(page.meta.reviewed_by)
    name = page.meta.reviewed_by if reviewer is None else None
    data["reviewedBy"] = (
        _schema_person(reviewer) if reviewer else {"@type": "Organization", "name": name}
    )
    return data
