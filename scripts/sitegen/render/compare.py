"""The options side by side, as cards that answer the same questions in the same order, and
the help to weigh them up: what matters most, and questions to check understanding."""

from __future__ import annotations

from sitegen.content.model import Content
from sitegen.content.options import Condition, Harm, Option, name_in_sentence
from sitegen.content.targets import Comparison, Quiz, ValueList
from sitegen.render.escaping import escape as md
from sitegen.render.figures import cited
from sitegen.render.lists import Inline
from sitegen.render.options import (
    GROUP_NAMES,
    VERDICT_WORDS,
    certainty_words,
    compared_words,
    rate_in_words,
    result_in_words,
    searched_words,
)


def _works(option: Option, condition: Condition, inline: Inline) -> str:
    result = option.benefit[condition]
    sure = certainty_words(result).split(".")[0]
    if result.has_numbers:
        # What the evidence says in words first, so that no number stands without it.
        claim = f"{inline(result.claim).rstrip('. ')}. " if result.claim is not None else ""
        words = claim + cited(result_in_words(result, name_in_sentence(option)), result.sources)
        based = f" Based on {md(result.people)}." if result.people else ""
        # What else was found: later trials that did not agree, a caveat about the trial.
        more = f" {inline(result.other_results)}" if result.other_results is not None else ""
        return f"{words}{based} {sure}.{more}"
    if result.claim is not None:
        return f"{cited(inline(result.claim), result.sources)} {sure}."
    return f"No good evidence found{searched_words(result.searched)}."


def _risk(harm: Harm) -> str:
    if harm.with_option is None:
        return f"No good numbers found{searched_words(harm.searched)}."
    risk = rate_in_words(harm.with_option)
    if harm.counted:
        risk += f" {md(harm.counted)}"
    if harm.with_comparator is not None:
        risk += (
            f", against {rate_in_words(harm.with_comparator).lower()} with"
            f" {compared_words(harm.comparator)}"
        )
    return cited(risk, harm.sources)


def option_card(option: Option, condition: Condition, content: Content, inline: Inline) -> str:
    """The option in the comparison: the same questions, in the same order, for each."""
    positions = option.guidelines.get(condition, {})
    guides = "; ".join(
        f"{md(content.guidelines[key].short_name if key in content.guidelines else key)}:"
        f" {VERDICT_WORDS[position.verdict].lower()}"
        for key, position in positions.items()
    )
    lines = [
        f"### [{md(option.name)}]({option.id}.md)",
        "",
        f"- **How well it works:** {_works(option, condition, inline)}",
        f"- **Common side effects:** {_risk(option.harms.common)}",
        f"- **What it involves:** {inline(option.involves.visits)}",
    ]
    if option.involves.day_to_day is not None:
        lines += [f"- **Day to day:** {inline(option.involves.day_to_day)}"]
    lines += [
        f"- **Guidelines:** {guides}.",
        f"- **Evidence searched up to:** {option.evidence_search.searched:%B %Y}.",
    ]
    # A box with no title, drawn as a card (see site.css).
    return "\n".join(['!!! option-card ""', "", *(f"    {line}" if line else "" for line in lines)])


def compare_markdown(comparison: Comparison, content: Content, inline: Inline) -> str:
    """Every option for a condition, as cards with the same headings, folded by group so
    that a phone shows the groups first (each opens with a tap, and prints open)."""
    condition: Condition = comparison.condition  # type: ignore[assignment]
    lines: list[str] = []
    for group, title in GROUP_NAMES.items():
        members = [option for option in comparison.options if option.group == group]
        if members:
            names = ", ".join(option.short_name for option in members)
            lines += [f'??? abstract "{_quoted(f"{title}: {names}")}"', ""]
            for option in members:
                card = option_card(option, condition, content, inline)
                lines += [f"    {line}" if line else "" for line in card.splitlines()]
                lines.append("")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return md(text).replace('"', "&quot;")


def values_markdown(values: ValueList, content: Content, inline: Inline) -> str:
    """What may matter most to a person, each with the options that fit it, as a table."""
    rows = ["| If this matters to you | Options to ask about |", "| --- | --- |"]
    for value in values.items:
        options = ", ".join(
            f"[{md(content.options[key].short_name)}]({key}.md)"
            for key in value.options
            if key in content.options
        )
        note = f" {inline(value.note)}" if value.note is not None else ""
        rows.append(f"| {md(value.matters)} | {options}.{note.replace('|', chr(92) + '|')} |")
    return "\n".join(rows) + "\n"


def quiz_markdown(quiz: Quiz, inline: Inline) -> str:
    """Questions to check understanding, each with its answer folded away (it opens without
    JavaScript, and prints open)."""
    lines: list[str] = []
    for number, item in enumerate(quiz.items, 1):
        question = md(item.question).replace('"', "&quot;")
        lines += [f'??? question "{number}. {question}"', "", f"    {inline(item.answer)}", ""]
    return "\n".join(lines)
