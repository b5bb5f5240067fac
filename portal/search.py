"""The site search's analyser: the same words for the index and the query, in every language.

Korean attaches particles and endings to words (공무원의, 공무원들이, 인사혁신처가), so Korean runs
go through Kiwi, a morphological analyser whose model ships in the `kiwipiepy-model` package,
and only their content morphemes are kept. Latin and Cyrillic words are lower-cased and reduced
to their Snowball stem (funcionarios → funcionari, служащих → служа). Indexed text and queries
pass through the same function, so whatever a query reduces to, the page's words reduced to it
too.

Wagtail's database backends keep one full-text "body" per object (SQLite FTS5 and PostgreSQL
alike), and `.search(fields=[...])` only reaches real columns, not per-language methods. So each
language's terms are written into that body with a tag (`ko0공무원`, `es0funcionari`), and a
query asks for the tagged terms of the reader's language only. The tag's digit makes every
term a "numword" to PostgreSQL's parser, which its configurations never stem or drop, and a
plain token to SQLite's unicode61 tokenizer.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Snowball algorithm per language code; a Latin word in a language without one (Korean,
# Russian text quoting "e-Saram") is stemmed as English, a Cyrillic word always as Russian.
SNOWBALL = {
    "en": "english",
    "es": "spanish",
    "ru": "russian",
    "fr": "french",
    "pt": "portuguese",
    "de": "german",
}

# Kiwi's tags for the morphemes that carry meaning: nouns (general, proper, numerals,
# pronouns), roots, and verb/adjective stems (kept in their base form). Particles (J*),
# endings (E*), affixes (XS*, XP*), bound nouns (NNB: 년, 명, 등) and copulas are dropped.
KOREAN_CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "NP", "XR"})
KOREAN_PREDICATE_TAGS = ("VV", "VA")
# Tokens Kiwi does not analyse as Korean: foreign letters, other symbols, Hanja, numbers,
# URLs and the like. They go through the same path as words outside Korean runs.
KOREAN_FOREIGN_TAGS = ("SL", "SW", "SH", "SN", "W_")

MAX_QUERY_TERMS = 24
SNIPPET_LENGTH = 240
SNIPPET_LEAD = 60
# How much of a long page a snippet looks at, in pieces analysed until one matches.
SNIPPET_SOURCE_LIMIT = 20_000
SNIPPET_CHUNK = 600

_WORD = re.compile(r"[^\W\d_]+|\d+")  # letters or digits, split where they meet
_WORD_CHARS = re.compile(r"[^\W_]+")
_NON_SPACE = re.compile(r"\S+")
_SURROGATES = re.compile("[\ud800-\udfff]")


def is_hangul(char):
    code = ord(char)
    return (
        0xAC00 <= code <= 0xD7A3
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xA960 <= code <= 0xA97F
        or 0xD7B0 <= code <= 0xD7FF
    )


def has_hangul(text):
    return any(is_hangul(char) for char in text)


def _is_cyrillic(word):
    return any(0x0400 <= ord(char) <= 0x052F for char in word)


def _is_latin(word):
    return all(ord(char) < 0x0250 for char in word)


# Kiwi -------------------------------------------------------------------------------------

_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The process's one Kiwi, built on first use (about a second and 300 MB).

    The typo and multi-word dictionaries are left out: they cost more memory than the
    analyser itself and change nothing for indexing.
    """
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    return _kiwi


def _kiwi_tokens(text):
    analyser = kiwi()
    with _kiwi_lock:  # one analysis at a time: the wrapper makes no promise about threads
        return analyser.tokenize(text)


# Words ------------------------------------------------------------------------------------


@cache
def _stemmer(algorithm):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=50_000)
def normalise_word(word, code):
    """One word (letters or digits, no Hangul) as the index keeps it."""
    word = unicodedata.normalize("NFKC", word).lower()
    if word.isdigit():
        return word
    if _is_cyrillic(word):
        return _stemmer("russian").stemWord(word.replace("ё", "е"))
    if _is_latin(word):
        return _stemmer(SNOWBALL.get(code, "english")).stemWord(word)
    return word


@dataclass(frozen=True)
class Term:
    start: int
    end: int
    term: str


def _plain_terms(text, code, offset=0):
    for match in _WORD.finditer(text):
        term = normalise_word(match.group(), code)
        if term:
            yield Term(offset + match.start(), offset + match.end(), term)


def _korean_terms(text, code, offset):
    for token in _kiwi_tokens(text):
        tag = token.tag
        start = offset + token.start
        end = start + token.len
        if tag in KOREAN_CONTENT_TAGS:
            yield Term(start, end, token.form)
        elif tag.startswith(KOREAN_PREDICATE_TAGS):
            yield Term(start, end, getattr(token, "lemma", "") or token.form)
        elif tag.startswith(KOREAN_FOREIGN_TAGS):
            yield from _plain_terms(text[token.start : token.start + token.len], code, start)


def analyse(text, code):
    """Every term of `text` for a reader of language `code`, with its place in the text.

    Runs of words that hold Hangul go to Kiwi together (it reads a sentence better than a
    word); every other word is normalised on its own, so "gestión" or "служащих" come out the
    same whether or not Korean stands beside them.
    """
    text = _SURROGATES.sub(" ", text or "")
    terms = []
    run_start = run_end = None
    for match in _NON_SPACE.finditer(text):
        if has_hangul(match.group()):
            if run_start is None:
                run_start = match.start()
            run_end = match.end()
            continue
        if run_start is not None:
            terms.extend(_korean_terms(text[run_start:run_end], code, run_start))
            run_start = None
        terms.extend(_plain_terms(match.group(), code, match.start()))
    if run_start is not None:
        terms.extend(_korean_terms(text[run_start:run_end], code, run_start))
    return terms


def terms_of(text, code):
    return [term.term for term in analyse(text, code)]


# Index and query --------------------------------------------------------------------------


def tag(term, code):
    """A term as it sits in the shared full-text body: language code, a digit, the term."""
    return f"{code.replace('-', '').lower()}0{term}"


@lru_cache(maxsize=512)
def index_text(text, code):
    """What the index stores for one language of a page (cached: Wagtail asks several times)."""
    return " ".join(tag(term, code) for term in terms_of(text, code))


def query_terms(query, code):
    """The distinct terms of a query, in order, at most MAX_QUERY_TERMS of them."""
    return list(dict.fromkeys(terms_of(query, code)))[:MAX_QUERY_TERMS]


def search_pages(queryset, query, code):
    """Pages of `queryset` holding every term of `query` in language `code`, best first.

    Returns the queryset's empty set when the query has no terms (only particles or
    punctuation), so callers page and count either the same way.
    """
    terms = query_terms(query, code)
    if not terms:
        return queryset.none()
    return queryset.search(" ".join(tag(term, code) for term in terms), operator="and")


# At most this many results are put in order (and shown, ten to a page).
RANKED_RESULTS = 200


@lru_cache(maxsize=2048)
def _title_terms(title, code):
    return frozenset(terms_of(title, code))


def title_first(found, terms, code):
    """The found pages (plain Page rows, one query), those whose title holds every term first,
    then those whose title holds some, each group in the backend's order.

    The backends' bm25 favours short pages, however little they say about the words; a reader
    looking for "COVID-19" expects the pages about it first.
    """
    wanted = set(terms)
    default = settings.LANGUAGE_CODE

    def rank(page):
        title = getattr(page, f"title_{code}", "") or getattr(page, f"title_{default}", "") or ""
        held = wanted & _title_terms(title, code)
        return 0 if held == wanted else 1 if held else 2

    return sorted(found[:RANKED_RESULTS], key=rank)


# Highlights -------------------------------------------------------------------------------


def _word_around(text, start, end):
    """The whole word a matched morpheme sits in: 공무원 → 공무원들이, without punctuation."""
    for match in _WORD_CHARS.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if match.start() <= start and end <= match.end():
            return match.start(), match.end()
    return start, end


def matches(text, terms, code):
    """(start, end) of every word in `text` whose analysed form is one of `terms`, merged."""
    wanted = set(terms)
    spans = sorted(
        _word_around(text, term.start, term.end)
        for term in analyse(text, code)
        if term.term in wanted
    )
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged, wanted


def _marked(text, spans, start=0, end=None):
    end = len(text) if end is None else end
    html, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    html.append(escape(text[position:end]))
    return "".join(html)


def highlight(text, terms, code):
    """All of `text`, escaped, with the words that match `terms` in <mark>."""
    spans, _wanted = matches(text, terms, code)
    return mark_safe(_marked(text, spans))  # noqa: S308 - every piece is escaped above


def _best_window(text, spans):
    """The start of the SNIPPET_LENGTH window holding the most different matched words."""
    best_start, best_score = spans[0][0], 0
    for anchor, _end in spans[:200]:
        inside = {
            text[start:end].lower()
            for start, end in spans
            if anchor <= start and end <= anchor + SNIPPET_LENGTH
        }
        if len(inside) > best_score:
            best_start, best_score = anchor, len(inside)
    return best_start


def _snap_forward(text, position):
    """The start of the word at or after `position`."""
    if position <= 0:
        return 0
    space = text.find(" ", position - 1)
    return len(text) if space == -1 else space + 1


def _snap_back(text, start, position):
    """The end of the last whole word after `start` and before `position`."""
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", start + 1, position + 1)
    return position if space == -1 else space


def _folded(text):
    """Lower case without accents, Hangul left whole: what a probe is looked for in."""
    return "".join(
        char
        if is_hangul(char)
        else "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        for char in text.lower()
    )


def _probes(terms):
    """A piece of each term that the surface form of a matching word almost always holds
    (공무원 in 공무원들이, funci in funcionarios, служ in служащих), to skip text that
    cannot match before asking Kiwi about it."""
    probes = set()
    for term in terms:
        if has_hangul(term):
            probes.add(term[:-1] if len(term) > 1 and term.endswith("다") else term)
        else:
            probes.add(_folded(term)[:4])
    return probes


def _chunks(text, size=SNIPPET_CHUNK):
    """`text` in pieces of about `size` characters, cut at spaces."""
    start = 0
    while start < len(text):
        end = _snap_back(text, start, start + size)
        yield start, end
        start = end + 1


def snippet(text, terms, code):
    """A short passage of `text` around its best matches, escaped, matches in <mark>.

    Returns (html, matched): without a match the passage is the text's beginning. Only the
    pieces of text that may hold a match are analysed, and only until one does.
    """
    text = " ".join((text or "")[:SNIPPET_SOURCE_LIMIT].split())
    probes = _probes(terms)
    start, matched = 0, False
    for chunk_start, chunk_end in _chunks(text) if terms else ():
        chunk = text[chunk_start:chunk_end]
        folded = _folded(chunk)
        if not any(probe in folded for probe in probes):
            continue
        spans, _wanted = matches(chunk, terms, code)
        if spans:
            anchor = chunk_start + _best_window(chunk, spans)
            start = min(_snap_forward(text, max(0, anchor - SNIPPET_LEAD)), anchor)
            matched = True
            break
    end = _snap_back(text, start, start + SNIPPET_LENGTH)
    passage = text[start:end]
    spans = matches(passage, terms, code)[0] if matched else []
    html = _marked(passage, spans)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html), matched  # noqa: S308 - every piece is escaped in _marked
