"""Who writes, reviews and publishes the site, and the clinical sign-off of each page.

people.yml records each person (or team) by id, with their role, credentials and conflicts
of interest; pages name their writer (written_by) and editorial reviewer (reviewed_by).
signoffs.yml records each clinical sign-off: who, when, and a hash of the page's content
as it was signed, so the site shows a sign-off only while the page still says what was
signed. Nothing here may claim a person, a review or a credential that does not exist.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import Field

from sitegen.content.fields import IsoDate, Text, Url
from sitegen.content.origin import Record, record
from sitegen.content.text import Markdown

#: The headings of the list the About page ends with (see render/lists.py): links may name
#: them, as #the-people-behind-this-site.
PEOPLE_HEADING = "The people behind this site"
POLICIES_HEADING = "How the site is paid for and run"


@record
class Contributor(Record):
    """A person, or a team, who writes or reviews pages."""

    name: Text
    kind: Literal["person", "team"]
    role: Text
    #: Qualifications, for a person: "MB ChB, FRCP (consultant in pain medicine)".
    credentials: Text | None = None
    #: A clinician can sign pages off (see signoffs.yml).
    clinician: bool = False
    conflicts: Markdown


@record
class SignOff(Record):
    """A clinician's sign-off of one page, as its content stood on a day."""

    by: str
    date: IsoDate
    #: sha256 of the page's content as signed: `sitegen sign-off` writes it.
    content: str = Field(pattern=r"[0-9a-f]{64}")


@record
class Feedback(Record):
    """Where visitors report a problem: an issue form of the repository, or an email."""

    issue_url: Url | None = None
    email: Text | None = None


@record
class Policies(Record):
    """Who publishes the site, who pays for it, and its policies: shown on About and, in
    one line, at the foot of every page."""

    funding: Text
    advertising: Text
    conflicts: Text
    editorial_policy: Markdown
    update_policy: Markdown
    feedback: Feedback = Field(default_factory=Feedback)


def content_hash(parts: list[str]) -> str:
    """A hash of what a page says: changes to its words change it, nothing else does."""
    text = json.dumps([" ".join(part.split()) for part in parts], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
