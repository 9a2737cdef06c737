"""The International Patient Decision Aid Standards (IPDASi v4) that apply to a treatment
decision: the 6 qualifying criteria, without which a tool is not a decision aid, and the 6
certification criteria, without which it risks harmful bias (Joseph-Williams N, et al.
Med Decis Making. 2014;34(6):699-710, doi:10.1177/0272989X13501721).

Each criterion is met in the content in a way that can be checked: by a section the site
settings point to (`decision_aid:` in site.yml), or by the option data itself. `sitegen ipdas`
prints the report; a qualifying criterion that is not met is an error in every check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sitegen.checks.context import Context
from sitegen.checks.markup import page_anchors
from sitegen.content.layout import PAGES_WITHOUT_CLAIMS
from sitegen.content.model import Content
from sitegen.content.origin import as_data
from sitegen.problems import Problem, error


@dataclass(frozen=True)
class Criterion:
    number: str
    qualifying: bool
    text: str
    met: bool
    where: str


def _section(content: Content, target: str | None) -> tuple[bool, str]:
    """Whether `target` (page.md#heading) names a page and a heading that exist."""
    if not target:
        return False, "not set: add it under decision_aid in site.yml"
    name, _, anchor = target.partition("#")
    page = content.page(name.removesuffix(".md"))
    if page is None:
        return False, f"{target}: no such page"
    if anchor and anchor not in page_anchors(page, content):
        return False, f"{target}: no such heading on the page"
    return True, target


def _options_say(content: Content, test: Callable[[object], bool], what: str) -> tuple[bool, str]:
    options = list(content.options.values())
    missing = [option.id for option in options if not test(option)]
    if len(options) < 2:
        return False, "fewer than two options in content_src/options/"
    if missing:
        return False, f"{what} missing for: {', '.join(missing)}"
    pages = ", ".join(f"{option.id}.md" for option in options)
    return True, f"every option's page ({pages})"


def _benefits(option: object) -> bool:
    return all(
        result.has_numbers or result.no_good_evidence is not None
        for result in option.benefit.values()  # type: ignore[attr-defined]
    )


def _harms(option: object) -> bool:
    harms = option.harms  # type: ignore[attr-defined]
    return all(
        harm.with_option is not None or harm.no_good_evidence is not None
        for harm in (harms.common, harms.serious)
    )


def _uncertainty(option: object) -> bool:
    return all(
        result.certainty is not None or result.no_good_evidence is not None
        for result in option.benefit.values()  # type: ignore[attr-defined]
    )


def criteria(content: Content) -> list[Criterion]:
    aid = content.settings.decision_aid
    targets = as_data(aid) if aid is not None else {}
    compare = next(
        (p for p in content.pages if any(m.kind == "compare" for m in p.body.scan.markers)), None
    )
    uncited = [
        p.name
        for p in content.pages
        if p.name not in PAGES_WITHOUT_CLAIMS and not content.citations(p)
    ]
    if compare is None:
        shown: tuple[bool, str] = (False, "no page holds a [[compare:...]] marker")
    else:
        shown = ("waiting" in content.options, compare.output_name)
    cited: tuple[bool, str] = (True, "every page's Sources for this page, and sources.md")
    if uncited:
        cited = (False, f"pages without citations: {', '.join(uncited)}")
    both = _options_say(content, lambda o: _benefits(o) and _harms(o), "benefit or harm")
    return [
        _met(
            "Q1",
            True,
            "describes the health condition",
            _section(content, targets.get("condition")),
        ),
        _met(
            "Q2", True, "states the decision to be made", _section(content, targets.get("decision"))
        ),
        _met("Q3", True, "describes the options, waiting among them", shown),
        _met(
            "Q4",
            True,
            "describes each option's benefits",
            _options_say(content, _benefits, "a benefit"),
        ),
        _met("Q5", True, "describes each option's harms", _options_say(content, _harms, "a harm")),
        _met(
            "Q6",
            True,
            "says what each option is like to go through",
            _options_say(content, lambda o: True, "what it involves"),
        ),
        _met("C1", False, "shows benefits and harms in equal detail", both),
        _met("C2", False, "cites the evidence for every claim", cited),
        _met("C3", False, "dates each page", (bool(content.pages), "the foot of every page")),
        _met(
            "C4", False, "gives the update policy", _section(content, targets.get("update_policy"))
        ),
        _met(
            "C5",
            False,
            "says how sure the evidence is",
            _options_say(content, _uncertainty, "a certainty"),
        ),
        _met("C6", False, "states the funding", _section(content, targets.get("funding"))),
    ]


def _met(number: str, qualifying: bool, text: str, outcome: tuple[bool, str]) -> Criterion:
    return Criterion(number, qualifying, text, outcome[0], outcome[1])


def format_report(found: list[Criterion]) -> str:
    rows = ["IPDASi v4 criteria for a treatment decision:", ""]
    for kind, qualifying in (("Qualifying", True), ("Certification", False)):
        rows.append(f"{kind} criteria:")
        for criterion in (c for c in found if c.qualifying == qualifying):
            mark = "pass" if criterion.met else "FAIL"
            rows.append(f"  {criterion.number} {mark}  {criterion.text}: {criterion.where}")
        rows.append("")
    return "\n".join(rows).rstrip()


def decision_aid_qualifies(content: Content, context: Context) -> Iterator[Problem]:
    """A qualifying criterion that is not met: the site is not a decision aid without it."""
    if content.settings.decision_aid is None:
        return
    for criterion in criteria(content):
        if criterion.qualifying and not criterion.met:
            yield error(
                content.settings.where("decision_aid"),
                f"IPDAS {criterion.number} is not met ({criterion.text}): {criterion.where}",
            )
