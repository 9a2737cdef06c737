"""`sitegen review`: which pages are due for review, and which old sources pages still cite."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Literal

from sitegen.commands.arguments import DUE_SOON_DAYS
from sitegen.content.layout import Project
from sitegen.content.load import load_content
from sitegen.content.model import Content
from sitegen.content.schema import Source
from sitegen.content.words import NO_DATE
from sitegen.problems import Problems, report

#: A page whose next review is at most this many days away is due soon.

Status = Literal["OVERDUE", "DUE SOON", "ok"]
#: A page's clinical sign-off: current, changed since it was signed, or never signed.
Clinical = Literal["signed", "CHANGED SINCE SIGN-OFF", "not signed"]


@dataclass(frozen=True)
class PageReview:
    page: str
    path: str
    title: str
    reviewed_by: str
    last_reviewed: str
    next_review_due: str
    days_left: int
    status: Status
    clinical: Clinical
    signed_by: str | None
    signed_on: str | None


@dataclass(frozen=True)
class OldSource:
    id: str
    path: str
    title: str
    year: int
    age_years: int
    dated_by: Literal["issued", "updated"]
    cited_on: list[str]


@dataclass(frozen=True)
class Review:
    today: str
    due_soon_days: int
    older_than_years: int
    pages: list[PageReview]
    old_sources: list[OldSource]


def _status(days_left: int) -> Status:
    if days_left < 0:
        return "OVERDUE"
    return "DUE SOON" if days_left <= DUE_SOON_DAYS else "ok"


def _year(source: Source) -> tuple[int, Literal["issued", "updated"]] | None:
    """The year the source is dated by: its issued date, else its updated date."""
    if source.issued != NO_DATE:
        return int(source.issued[:4]), "issued"
    if source.updated and source.updated != NO_DATE:
        return int(source.updated[:4]), "updated"
    return None


def review_content(content: Content, today: date, older_than: int) -> Review:
    """Every page by urgency (the soonest next review first), and the old sources cited."""
    pages = []
    for page in content.pages:
        days_left = (page.next_review_due - today).days
        signed, current = content.signoff(page)
        clinical: Clinical = (
            "not signed" if signed is None else "signed" if current else "CHANGED SINCE SIGN-OFF"
        )
        pages.append(
            PageReview(
                page=page.name,
                path=page.path,
                title=page.meta.title,
                reviewed_by=page.meta.reviewed_by,
                last_reviewed=page.meta.last_reviewed.isoformat(),
                next_review_due=page.next_review_due.isoformat(),
                days_left=days_left,
                status=_status(days_left),
                clinical=clinical,
                signed_by=signed.by if signed else None,
                signed_on=signed.date.isoformat() if signed else None,
            )
        )
    pages.sort(key=lambda p: p.days_left)  # stable: pages due together stay in nav order
    old = []
    for source_id, source in sorted(content.sources.items()):
        dated = _year(source)
        if dated is None or today.year - dated[0] <= older_than:
            continue
        cited_on = [page.path for page in content.pages if source_id in content.cited_keys(page)]
        if cited_on:
            old.append(
                OldSource(
                    id=source_id,
                    path=content.source_paths[source_id],
                    title=source.title,
                    year=dated[0],
                    age_years=today.year - dated[0],
                    dated_by=dated[1],
                    cited_on=cited_on,
                )
            )
    old.sort(key=lambda s: (s.year, s.id))
    return Review(today.isoformat(), DUE_SOON_DAYS, older_than, pages, old)


def _days(days: int) -> str:
    if days == 0:
        return "today"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"{count} ago" if days < 0 else f"in {count}"


def format_review(review: Review) -> str:
    """The review as a table for people."""
    lines = [
        f"Page reviews on {review.today} (DUE SOON: within {review.due_soon_days} days),"
        " most urgent first:",
        "",
        f"{'status':<9} {'next review':<11} {'':<15} {'last reviewed':<13}  page",
    ]
    for page in review.pages:
        lines.append(
            f"{page.status:<9} {page.next_review_due:<11} {'(' + _days(page.days_left) + ')':<15}"
            f" {page.last_reviewed:<13}  {page.path}"
        )
    counts = {status: sum(p.status == status for p in review.pages) for status in _STATUSES}
    lines += ["", ", ".join(f"{counts[s]} {s}" for s in _STATUSES) + "."]
    changed = [page for page in review.pages if page.clinical == "CHANGED SINCE SIGN-OFF"]
    unsigned = [page.path for page in review.pages if page.clinical == "not signed"]
    lines += ["", "Pages changed since their clinical sign-off (sitegen sign-off PAGE --by ID):"]
    lines += [f"  {p.path} (signed by {p.signed_by} on {p.signed_on})" for p in changed]
    if not changed:
        lines.append("  none")
    signed = len(review.pages) - len(unsigned) - len(changed)
    lines.append(f"{signed} pages signed off as they stand; {len(unsigned)} never signed off.")
    lines += ["", f"Sources more than {review.older_than_years} years old that pages still cite:"]
    if not review.old_sources:
        lines.append("  none")
    for source in review.old_sources:
        dated = "" if source.dated_by == "issued" else ", by its updated date"
        lines.append(
            f"  {source.id} ({source.year}, {source.age_years} years{dated}): {source.title}"
        )
        lines.append(f"    cited on: {', '.join(source.cited_on)}")
    return "\n".join(lines)


_STATUSES: tuple[Status, ...] = ("OVERDUE", "DUE SOON", "ok")


def review_json(review: Review) -> str:
    return json.dumps(asdict(review), indent=2, ensure_ascii=False)


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    content, problems = load_content(project)
    errors = Problems(problems.errors)
    if content is None:
        return report(errors, "the content could not be read; nothing to review")
    review = review_content(content, today, args.older_than)
    print(review_json(review) if args.json else format_review(review))
    return report(errors, "files with errors (above) are left out of this review")
