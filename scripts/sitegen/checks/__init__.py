"""Stage 2, checks: every rule about the content, each a function that yields problems.

A rule takes the loaded Content and a Context (the project's paths, today's date, whether
warnings count as errors) and yields Problem values, each at the true line of what it is
about. RULES lists every rule; run_checks() runs them all. A rule about something that
could not be loaded (a page with errors, an unreadable data file) skips it: the problem
that stopped it loading is reported where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sitegen.checks.citations import (
    data_cite_known_sources,
    every_source_is_cited,
    markdown_is_well_formed,
    pages_cite_known_sources,
    pages_cite_something,
)
from sitegen.checks.context import Context
from sitegen.checks.duplicates import sources_are_not_duplicates
from sitegen.checks.evidence import claims_use_grade_words
from sitegen.checks.files import no_unexpected_files
from sitegen.checks.ipdas import decision_aid_qualifies
from sitegen.checks.markup import links_have_targets, markers_have_data
from sitegen.checks.options import (
    evidence_is_searched_often,
    guidelines_speak_to_every_option,
    options_answer_every_question,
    weighing_up_points_at_options,
)
from sitegen.checks.pages import (
    faq_answers_cite_sources,
    nav_lists_every_page,
    pages_have_text,
    review_dates_make_sense,
    reviewers_are_known,
    urgent_help_is_known,
)
from sitegen.checks.safety import no_unsafe_markup, plain_text_is_plain
from sitegen.checks.sources import sources_are_not_drafts, sources_were_read_in_the_past
from sitegen.checks.trust import ready_to_publish, signoffs_name_clinicians
from sitegen.content.model import Content
from sitegen.problems import Problem

Rule = Callable[[Content, Context], Iterator[Problem]]

RULES: tuple[Rule, ...] = (
    no_unexpected_files,
    nav_lists_every_page,
    reviewers_are_known,
    urgent_help_is_known,
    review_dates_make_sense,
    pages_have_text,
    markdown_is_well_formed,
    pages_cite_known_sources,
    pages_cite_something,
    data_cite_known_sources,
    every_source_is_cited,
    faq_answers_cite_sources,
    claims_use_grade_words,
    options_answer_every_question,
    guidelines_speak_to_every_option,
    evidence_is_searched_often,
    decision_aid_qualifies,
    weighing_up_points_at_options,
    markers_have_data,
    links_have_targets,
    no_unsafe_markup,
    plain_text_is_plain,
    sources_are_not_drafts,
    sources_are_not_duplicates,
    sources_were_read_in_the_past,
    signoffs_name_clinicians,
    ready_to_publish,
)


def run_checks(content: Content, context: Context) -> Iterator[Problem]:
    for rule in RULES:
        yield from rule(content, context)


__all__ = ["RULES", "Context", "Rule", "run_checks"]
