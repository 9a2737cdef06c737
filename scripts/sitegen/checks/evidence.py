"""Evidence claims say how sure we are in GRADE's words, as Cochrane summaries do."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.content.model import Content
from sitegen.problems import Problem, error

_HEDGES = ("may", "might", "could", "probably", "uncertain", "possibly")
_EXPECTED = {
    "high": "plain words without hedging, such as 'does', 'reduces' or"
    " 'makes little or no difference'",
    "moderate": "'probably'",
    "low": "'may'",
    "very low": "'we are very uncertain'",
}


def _has(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text, re.I) is not None


def grade_wording_problem(claim: str, certainty: str) -> str | None:
    """Why `claim` is worded wrongly for its `certainty`, or None when it fits."""
    if certainty == "high":
        fits = not any(_has(claim, word) for word in _HEDGES)
    elif certainty == "moderate":
        fits = _has(claim, "probably")
    elif certainty == "low":
        fits = _has(claim, "may") and not _has(claim, "probably")
    else:
        fits = _has(claim, "very uncertain")
    return None if fits else f"a claim of {certainty} certainty should say {_EXPECTED[certainty]}"


def claims_use_grade_words(content: Content, context: Context) -> Iterator[Problem]:
    for claim in content.evidence.values():
        wording = grade_wording_problem(claim.claim, claim.certainty)
        if wording:
            yield error(claim.where("claim"), wording)
