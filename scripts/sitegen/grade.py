"""GRADE certainty in words, as Cochrane plain-language summaries use them."""

from __future__ import annotations

import re

_HEDGES = ("may", "might", "could", "probably", "uncertain", "possibly")


def _has(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text, re.I) is not None


def grade_wording_problem(claim: str, certainty: str) -> str | None:
    """Why `claim` is worded wrongly for its `certainty`, or None when it fits."""
    expected = {
        "high": "plain words without hedging, such as 'does', 'reduces' or"
        " 'makes little or no difference'",
        "moderate": "'probably'",
        "low": "'may'",
        "very low": "'we are very uncertain'",
    }[certainty]
    if certainty == "high":
        used = [word for word in _HEDGES if _has(claim, word)]
        fits = not used
    elif certainty == "moderate":
        fits = _has(claim, "probably")
    elif certainty == "low":
        fits = _has(claim, "may") and not _has(claim, "probably")
    else:
        fits = _has(claim, "very uncertain")
    if fits:
        return None
    return f"a claim of {certainty} certainty should say {expected}"
