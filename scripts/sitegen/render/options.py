"""An option, drawn from its data: its own page, and its card in the comparison.

Every option is shown under the same headings, in the same order and the same units, so
that none looks better understood than another: what it is, what it involves, how well it
works (a picture of the numbers, with what it was compared with), its risks, what the
guidelines say, cost, and when its evidence was searched.
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.content.model import Content
from sitegen.content.options import (
    CONDITION_NAMES,
    OPTION_SECTIONS,
    Condition,
    Guideline,
    Harm,
    Option,
    Result,
    name_in_sentence,
)
from sitegen.content.text import MarkdownText
from sitegen.render.escaping import escape as md
from sitegen.render.figures import CERTAINTY_MEANING, cited, icon_figure
from sitegen.render.inline import footnote_refs
from sitegen.render.scales import pain_difference, pain_scores

Inline = Callable[[MarkdownText], str]

GROUP_NAMES = {
    "waiting": "Waiting and looking after yourself",
    "without-drugs": "Treatments without medicines",
    "medicines": "Medicines",
    "injections-and-procedures": "Injections and procedures",
    "surgery": "Surgery",
}
VERDICT_WORDS = {
    "recommends": "Recommends it",
    "suggests": "Suggests it",
    "neutral": "Neither for nor against",
    "suggests-against": "Suggests not using it",
    "advises-against": "Advises against it",
    "not-covered": "Does not cover it",
    "not-confirmed": "Not confirmed",
}


def compared_words(text: str | None) -> str:
    return md(text or "the comparison")


def searched_words(month: object) -> str:
    return f" (we searched in {month:%B %Y})" if month else ""


def result_in_words(result: Result, short_name: str) -> str:
    """One plain sentence for the numbers of a result (no certainty, no citation);
    `short_name` as it reads inside a sentence."""
    compared = compared_words(result.comparator)
    when = f", at {md(result.time_point)}" if result.time_point else ""
    option, other = result.with_option, result.with_comparator or 0
    if result.measure == "per-100" and option is not None:
        return (
            f"About {round(option)} in 100 people {md(result.outcome or '')} with"
            f" {md(short_name)}, against about {round(other)} in 100 with {compared}{when}."
        )
    if result.measure == "pain-score" and option is not None:
        return (
            f"Average pain was about {round(option)} out of 100 with {md(short_name)},"
            f" against about {round(other)} with {compared}{when}."
        )
    if result.measure == "pain-difference" and result.difference is not None:
        direction = "less" if result.difference <= 0 else "more"
        return (
            f"About {round(abs(result.difference))} points {direction} pain on a 0 to 100"
            f" scale than {compared}{when}."
        )
    return ""


def certainty_words(result: Result) -> str:
    if result.certainty in CERTAINTY_MEANING:
        label, level, meaning = CERTAINTY_MEANING[result.certainty]
        return f"{label} certainty ({level} out of 4). {meaning}"
    return "Not rated. The source gives no rating of how sure we can be."


def _figure(option: Option, condition: Condition, result: Result) -> str:
    key = f"{option.id}-{condition}"
    title = f"{option.short_name} for {CONDITION_NAMES[condition]}: {result.outcome or 'pain'}"
    other = f"with {result.comparator or 'the comparison'}"
    if result.measure == "per-100" and result.with_option is not None:
        groups = [(round(result.with_option), f"with {name_in_sentence(option)}")]
        if result.with_comparator is not None:
            groups.append((round(result.with_comparator), other))
        return icon_figure(key, title, groups)
    if result.measure == "pain-score" and result.with_option is not None:
        bars = [(result.with_option, f"With {name_in_sentence(option)}")]
        if result.with_comparator is not None:
            bars.append((result.with_comparator, other.capitalize()))
        return pain_scores(key, title, bars)
    if result.measure == "pain-difference" and result.difference is not None:
        return pain_difference(key, title, result.difference, result.noticeable_change)
    return ""


def _benefit(option: Option, condition: Condition, inline: Inline) -> list[str]:
    result = option.benefit[condition]
    words = result_in_words(result, name_in_sentence(option))
    lines = [f"### For {CONDITION_NAMES[condition]}", ""]
    if result.has_numbers:
        lines += [_figure(option, condition, result), ""]
        lines += [f"**In numbers:** {cited(words, result.sources)}", ""]
    if result.claim is not None:
        lines += [f"**What the research shows:** {cited(inline(result.claim), result.sources)}", ""]
        lines += [f"**How sure we are:** {certainty_words(result)}", ""]
    if result.people:
        lines += [f"**Based on:** {md(result.people)}.", ""]
    if result.noticeable_change is not None:
        notice = footnote_refs(result.noticeable_source)
        lines += [
            f"**A change people notice:** about {round(result.noticeable_change)} points on"
            f" the 0 to 100 scale{notice}.",
            "",
        ]
    if result.other_results is not None:
        lines += [f"**Other results:** {inline(result.other_results)}", ""]
    if result.no_good_evidence is not None:
        found = inline(result.no_good_evidence)
        # A rated finding with no number on our scales is not "no evidence".
        label = "No number we could show" if result.claim is not None else "No good evidence found"
        lines += [f"**{label}{searched_words(result.searched)}:** {found}", ""]
    return lines


def rate_in_words(rate: float) -> str:
    """'About 9 in 100', or 'Fewer than 1 in 100 (about 1 in 10,000)' for rare harms."""
    if 0 < rate < 0.5:
        return f"Fewer than 1 in 100 (about 1 in {round(100 / rate):,})"
    return f"About {round(rate)} in 100"


def _harm(title: str, harm: Harm, option: Option, key: str, inline: Inline) -> list[str]:
    lines = [f"### {title}", "", cited(inline(harm.text), harm.sources), ""]
    if harm.with_option is not None:
        name = name_in_sentence(option)
        counted = f" {md(harm.counted)}" if harm.counted else ""
        words = f"{rate_in_words(harm.with_option)} people with {md(name)}{counted}"
        if harm.with_comparator is not None:
            words += (
                f", against {rate_in_words(harm.with_comparator).lower()} with"
                f" {compared_words(harm.comparator)}"
            )
        if harm.with_option >= 0.5:
            groups = [(round(harm.with_option), f"with {name}")]
            if harm.with_comparator is not None:
                groups.append((round(harm.with_comparator), f"with {harm.comparator}"))
            what = f" ({harm.counted})" if harm.counted else ""  # what the figure counts
            figure = icon_figure(
                f"{option.id}-{key}", f"{title}: {option.short_name}{what}", groups
            )
            lines += [figure, ""]
        lines += [f"**In numbers:** {cited(words, harm.sources)}", ""]
    if harm.no_good_evidence is not None:
        found = inline(harm.no_good_evidence)
        lines += [f"**No good numbers found{searched_words(harm.searched)}:** {found}", ""]
    return lines


def _guidelines(option: Option, content: Content, inline: Inline) -> list[str]:
    lines: list[str] = []
    for condition in option.conditions:
        lines += [f"**For {CONDITION_NAMES[condition]}:**", ""]
        positions = option.guidelines.get(condition, {})
        if not positions:
            lines += ["None of the guidelines we use gives advice on this.", ""]
            continue
        lines += ["| Guideline | What it says |", "| --- | --- |"]
        for key, position in positions.items():
            guide = content.guidelines.get(key)
            name = key if guide is None else guideline_name(guide)
            says = f"**{VERDICT_WORDS[position.verdict]}.** {inline(position.text)}"
            lines.append(f"| {md(name)} | {says.replace('|', chr(92) + '|')} |")
        lines.append("")
    return lines


def guideline_name(guide: Guideline) -> str:
    """'NICE (UK, 2016)', or 'ACP (US), 2017' when the short name already says where."""
    if f"({guide.country})" in guide.short_name:
        return f"{guide.short_name}, {guide.year}"
    return f"{guide.short_name} ({guide.country}, {guide.year})"


def evidencesearched_words(option: Option) -> str:
    search = option.evidence_search
    return (
        f"Evidence searched up to: **{search.searched:%B %Y}**, in"
        f" {md(', '.join(search.places))}, by {md(search.by)}."
    )


def option_markdown(option: Option, content: Content, inline: Inline) -> str:
    """The body of the option's own page."""
    lines = [f"## {OPTION_SECTIONS['what']}", "", inline(option.what_it_is), ""]
    if option.also_called:
        lines += [f"**Other names you may hear:** {md(', '.join(option.also_called))}.", ""]
    lines += [f"**How it is thought to work:** {inline(option.how_it_works)}", ""]
    lines += [
        f"## {OPTION_SECTIONS['involves']}",
        "",
        f"- **Visits and time:** {inline(option.involves.visits)}",
        f"- **How soon it might help:** {inline(option.involves.until_it_helps)}",
        f"- **How long the effect lasts:** {inline(option.involves.how_long_it_lasts)}",
    ]
    if option.involves.day_to_day is not None:
        lines += [f"- **Day to day:** {inline(option.involves.day_to_day)}"]
    lines += [
        "",
        f"## {OPTION_SECTIONS['works']}",
        "",
    ]
    for condition in option.conditions:
        lines += _benefit(option, condition, inline)
    lines += [f"## {OPTION_SECTIONS['risks']}", ""]
    lines += _harm(OPTION_SECTIONS["common"], option.harms.common, option, "common", inline)
    lines += _harm(OPTION_SECTIONS["serious"], option.harms.serious, option, "serious", inline)
    lines += [f"## {OPTION_SECTIONS['guidelines']}", "", *_guidelines(option, content, inline)]
    lines += [
        f"## {OPTION_SECTIONS['cost']}",
        "",
        inline(option.cost),
        "",
        inline(option.insurance),
        "",
    ]
    lines += [f"## {OPTION_SECTIONS['search']}", "", evidencesearched_words(option), ""]
    return "\n".join(lines)
