"""The word cloud of a prompt's opinions, in every language at once.

Each opinion's terms are found once, when it is posted (`terms`), and stored with it; the cloud
of a prompt is counted from the stored terms (`cloud`). A term is a pair [key, word]: the key
groups the forms of one word (реформа, реформы, реформу → реформ; 공무원이, 공무원은 → 공무원),
the word is what the cloud shows.

Korean goes through the same Kiwi analyser as the site search (portal.search): nouns and roots
are kept, verbs and adjectives in their dictionary form (좋다); particles, endings, affixes,
bound nouns, pronouns and numerals are dropped by their tag. Other words are taken in lower
case, letters only, and keyed by their Snowball stem, as the search index keys them. The
stop-words of every language (qa/stopwords/*.txt) are removed from every opinion, so the words
that fill Spanish sentences do not fill the cloud because many opinions are Spanish.
"""

import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from portal.search import SNOWBALL, _kiwi_tokens, _stemmer, has_hangul

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# Words shorter than this are dropped (a, y, и, в); Korean nouns of one syllable are kept
# (법, 돈, 팀 say something; the ones that do not are in ko.txt or dropped by their tag).
MIN_WORD_LENGTH = 2
# Longer runs of letters are not words (a pasted token, "aaaaaaaa…"): left out.
MAX_WORD_LENGTH = 40
MAX_WEIGHT = 5

# Kiwi's tags kept in the cloud: general and proper nouns, roots (간소 of 간소화하다).
KOREAN_NOUN_TAGS = frozenset({"NNG", "NNP", "XR"})
# Verb and adjective stems, shown in their dictionary form (Kiwi's lemma: 좋 → 좋다).
KOREAN_PREDICATE_TAGS = ("VV", "VA")
# Kiwi's tags for what it does not read as Korean: foreign letters and the hyphens, digits
# and symbols between them. A run of these ("e-Saram" in e-Saram을) is a word of its own.
KOREAN_FOREIGN_TAGS = ("SL", "SO", "SN", "SW", "SH", "W_")

# Letters, with inner hyphens and apostrophes kept: e-Saram, don't, кто-то.
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"'s$")  # the ministry's staff: "ministry"
_NON_SPACE = re.compile(r"\S+")
_SURROGATES = re.compile("[\ud800-\udfff]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "‐": "-", "‑": "-"})


def _folded(word):
    """`word` as stop-words are compared: accents removed, ё read as е."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ё", "е"))
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


@cache
def stopwords(code):
    """The stop-words written for language `code` (empty when there is no list)."""
    path = STOPWORDS_DIR / f"{code}.txt"
    if not path.exists():
        return frozenset()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_folded(unicodedata.normalize("NFKC", line).lower()))
    return frozenset(words)


@cache
def all_stopwords():
    """Every language's stop-words together: each opinion is cleaned of all of them."""
    words = set()
    for path in sorted(STOPWORDS_DIR.glob("*.txt")):
        words |= stopwords(path.stem)
    return frozenset(words)


def _key(word, code):
    """The key of a lower-case word outside Korean: its Snowball stem, part by part, tagged
    with the stemmer's language, so Spanish "reforma" and English "reform" stay two words
    (a Latin word in a Korean opinion is stemmed as English, a Cyrillic one always as Russian,
    as portal.search does)."""
    if any(0x0400 <= ord(char) <= 0x052F for char in word):
        code = "ru"
        word = word.replace("ё", "е")
    elif all(ord(char) < 0x0250 for char in word.replace("'", "").replace("-", "")):
        code = code if code in SNOWBALL else "en"
    else:
        return word
    stemmer = _stemmer(SNOWBALL[code])
    return f"{code}:" + "-".join(stemmer.stemWord(part) for part in word.split("-"))


def _plain_terms(text, code):
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group()).strip("'-")
        if not MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH or _folded(word) in all_stopwords():
            continue
        yield [_key(word, code), word]


def _korean_terms(text, code):
    stop = all_stopwords()
    foreign_start = foreign_end = None
    for token in [*_kiwi_tokens(text), None]:
        if token is not None and token.tag.startswith(KOREAN_FOREIGN_TAGS):
            # Contiguous foreign tokens (e, -, Saram) make one word.
            if foreign_start is None or token.start != foreign_end:
                if foreign_start is not None:
                    yield from _plain_terms(text[foreign_start:foreign_end], code)
                foreign_start = token.start
            foreign_end = token.start + token.len
            continue
        if foreign_start is not None:
            yield from _plain_terms(text[foreign_start:foreign_end], code)
            foreign_start = None
        if token is None:
            break
        if token.tag in KOREAN_NOUN_TAGS:
            word = token.form
        elif token.tag.startswith(KOREAN_PREDICATE_TAGS):
            word = getattr(token, "lemma", "") or token.form + "다"
        else:
            continue
        if word not in stop:
            yield [word, word]


def terms(text, language):
    """The meaningful words of one opinion, as distinct [key, word] pairs in reading order.

    `language` is the opinion's (detected) language: it picks the Snowball stemmer for Latin
    words. Runs of words holding Hangul go to Kiwi together (it reads a sentence better than
    a word); every other word is taken on its own.
    """
    text = _SURROGATES.sub(" ", text or "")
    found = []
    run_start = run_end = None
    for match in [*_NON_SPACE.finditer(text), None]:
        if match is not None and has_hangul(match.group()):
            if run_start is None:
                run_start = match.start()
            run_end = match.end()
            continue
        if run_start is not None:
            found.extend(_korean_terms(text[run_start:run_end], language))
            run_start = None
        if match is not None:
            found.extend(_plain_terms(match.group(), language))
    return [list(pair) for pair in dict.fromkeys(tuple(pair) for pair in found)]


def _weights(counts):
    """Weight 1..MAX_WEIGHT of each count, on a log scale between the least and most common
    words shown (all the same when every word is as common as the others)."""
    low, high = min(counts), max(counts)
    if low == high:
        return dict.fromkeys(counts, (1 + MAX_WEIGHT) // 2)
    span = math.log(high) - math.log(low)
    return {
        count: 1 + round((MAX_WEIGHT - 1) * (math.log(count) - math.log(low)) / span)
        for count in counts
    }


def cloud(term_lists, limit=40):
    """The `limit` most common words of some opinions' stored terms, heaviest first.

    A word counts once per opinion however often it is repeated there; it is shown in the
    form most opinions used (the shortest, then the first in alphabetical order, on a tie).
    Keys shown as the same word ("e-saram" stemmed as English and as Spanish) are one word.
    Words as common as each other come in the order they were first used (the opinions'
    order), so the cloud does not shuffle as it grows and no script sorts ahead of another.
    Returns [{"word", "count", "weight"}].
    """
    keys = Counter()
    surfaces = defaultdict(Counter)
    first_seen = {}
    for pairs in term_lists:
        seen = {}
        for pair in pairs or ():
            try:
                key, word = pair
            except (TypeError, ValueError):  # a stored value not of our making: skip it
                continue
            seen.setdefault(str(key), set()).add(str(word))
        for key, words in seen.items():
            first_seen.setdefault(key, len(first_seen))
            keys[key] += 1
            surfaces[key].update(words)
    counts = Counter()
    order = {}
    for key, count in keys.items():
        word = min(surfaces[key].items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
        counts[word] += count
        order[word] = min(order.get(word, first_seen[key]), first_seen[key])
    shown = [(count, word) for word, count in counts.items()]
    shown.sort(key=lambda item: (-item[0], order[item[1]]))
    shown = shown[:limit]
    if not shown:
        return []
    weights = _weights({count for count, _word in shown})
    return [{"word": word, "count": count, "weight": weights[count]} for count, word in shown]
