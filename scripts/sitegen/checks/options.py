"""Balance: every option answers every question, in the same units, with its sources.

- A benefit is numbers with their comparator, time point, certainty, claim and sources, or a
  dated "no good evidence found" that says what was looked for.
- Harms are given for every option, common and serious, in the same way (a benefit never
  stands without its harms).
- Numbers are out of 100 people, or points on a 0-100 pain scale: never other units.
- A claim says how sure we are in GRADE's words.
- Every guideline that covers a condition gives its view of every option for it.
- An evidence search older than the review interval is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks.context import Context
from sitegen.checks.evidence import grade_wording_problem
from sitegen.content.fields import add_months
from sitegen.content.model import Content
from sitegen.content.options import Harm, Option, Result
from sitegen.problems import Problem, error, suggest, warning

_SEARCHED = "write the result as numbers, or say no_good_evidence: with what you looked for"


def _result_problems(option: Option, condition: str, result: Result) -> Iterator[Problem]:
    where = result.where
    if result.has_numbers:
        if result.measure in {"per-100", "pain-score"} and (
            result.with_option is None or result.with_comparator is None
        ):
            yield error(
                where("measure"),
                f"a result {result.measure} needs with_option and with_comparator: the number"
                " with the option and with what it was compared with",
            )
        if result.measure == "pain-difference" and result.difference is None:
            yield error(where("measure"), "a pain-difference result needs its difference")
        needed = ("outcome", "comparator", "time_point", "certainty", "claim")
        for name in needed:
            if getattr(result, name) is None:
                yield error(where(), f"this result gives numbers, so it also needs {name}")
        if not result.sources:
            yield error(where(), "this result gives numbers, so it needs its sources")
    elif result.no_good_evidence is None:
        yield error(where(), f"the benefit for {condition} is blank: {_SEARCHED}")
    if result.no_good_evidence is not None and result.searched is None:
        yield error(
            where("no_good_evidence"),
            "say when you searched: searched: YYYY-MM, the month of the search",
        )
    if result.claim is not None and result.certainty not in {None, "not rated"}:
        wording = grade_wording_problem(result.claim, result.certainty)
        if wording:
            yield error(where("claim"), wording)
    if result.claim is not None and result.certainty is None:
        yield error(where("claim"), "a claim needs its certainty: high, moderate, low or very low")


def _harm_problems(kind: str, harm: Harm) -> Iterator[Problem]:
    numbers = harm.with_option is not None
    if numbers and not harm.sources:
        yield error(harm.where("with_option"), f"the {kind} harm's rate needs its sources")
    if numbers and harm.counted is None:
        yield error(
            harm.where("with_option"),
            "say what the rate counts: counted: (such as 'stopped because of side effects')",
        )
    if numbers and harm.with_comparator is not None and harm.comparator is None:
        yield error(harm.where("with_comparator"), "say what the comparator was: comparator:")
    if not numbers and harm.no_good_evidence is None:
        yield error(
            harm.where("text"),
            f"the {kind} harm has no rate: give with_option (in 100 people), or say"
            " no_good_evidence: with what you looked for",
        )
    if harm.no_good_evidence is not None and harm.searched is None:
        yield error(harm.where("no_good_evidence"), "say when you searched: searched: YYYY-MM")


def options_answer_every_question(content: Content, context: Context) -> Iterator[Problem]:
    for option in content.options.values():
        for condition in option.conditions:
            result = option.benefit.get(condition)
            if result is None:
                yield error(
                    option.where("benefit"),
                    f"the option covers {condition}, so it needs a benefit for {condition}:"
                    f" {_SEARCHED}",
                )
                continue
            yield from _result_problems(option, condition, result)
        for condition in option.benefit.keys() - set(option.conditions):
            yield error(
                option.where("benefit", condition),
                f"a benefit for {condition}, which is not in this option's conditions",
            )
        yield from _harm_problems("common", option.harms.common)
        yield from _harm_problems("serious", option.harms.serious)


def guidelines_speak_to_every_option(content: Content, context: Context) -> Iterator[Problem]:
    for option in content.options.values():
        for condition in option.conditions:
            wanted = {
                key for key, guide in content.guidelines.items() if condition in guide.conditions
            }
            given = option.guidelines.get(condition, {})
            for key in sorted(wanted - given.keys()):
                yield error(
                    option.where("guidelines"),
                    f"what does {content.guidelines[key].short_name} say about this option for"
                    f" {condition}? Add {key}: with its verdict and text (not-covered or"
                    " not-confirmed when it says nothing, or you could not read it)",
                )
            for key in sorted(given.keys() - content.guidelines.keys()):
                yield error(
                    option.where("guidelines", condition, key),
                    f"unknown guideline '{key}': guidelines are listed in guidelines.yml",
                )


def evidence_is_searched_often(content: Content, context: Context) -> Iterator[Problem]:
    interval = content.settings.review_interval_months
    for option in content.options.values():
        searched = option.evidence_search.searched
        if add_months(searched, interval + 1) <= context.today:
            make = error if context.strict else warning
            yield make(
                option.evidence_search.where("searched"),
                f"the evidence for this option was last searched in {searched:%B %Y}, more than"
                f" {interval} months ago: search again, then update searched",
            )


def weighing_up_points_at_options(content: Content, context: Context) -> Iterator[Problem]:
    """Each value names options that exist; each quiz answer cites its source and links to
    the part of the site that explains it."""
    for items in content.weigh_up.values.values():
        for value in items:
            for index, key in enumerate(value.options):
                if key not in content.options and key not in content.option_files:
                    yield error(
                        value.where("options", index),
                        f"unknown option '{key}'" + suggest(key, content.options),
                    )
    for quiz in content.weigh_up.quizzes.values():
        for item in quiz:
            scan = item.answer.scan
            if not scan.citations:
                yield error(item.where("answer"), "the answer cites no source: add one, as [@id]")
            if not scan.links:
                yield error(
                    item.where("answer"),
                    "the answer links nowhere: link to the section that explains it, as"
                    " [the risks](botox.md#its-risks)",
                )
