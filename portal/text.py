"""Cleaning text that visitors type before it reaches a query, a page or a spreadsheet."""

import re

SEARCH_MAX_QUERY = 200


def search_words(raw, limit=SEARCH_MAX_QUERY):
    """The words of a search, without control characters (NUL breaks both databases) or
    double quotes (SQLite's full-text syntax), capped at `limit` characters."""
    printable = "".join(char if char.isprintable() and char != '"' else " " for char in raw)
    return " ".join(printable.split())[:limit]


def page_number(raw):
    """A positive page number from the query string, or 1 for anything else."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1


# Bidirectional embedding, override and isolate controls: typed into a name they reorder the
# text around it on every screen that shows it.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(raw, multiline=False):
    """What a visitor typed, as every page, export and database can hold it.

    Drops NUL and other control characters (line breaks and tabs kept when
    `multiline`), bidi controls and lone surrogates; every entry point that
    stores user text calls this once, at the door.
    """
    kept = []
    for char in raw.replace("\r\n", "\n"):
        if char in BIDI_CONTROLS or "\ud800" <= char <= "\udfff":
            continue
        if char.isprintable() or (multiline and char in "\n\t"):
            kept.append(char)
        elif char in "\r\n\t\x0b\x0c" or char == "\u2028" or char == "\u2029":
            kept.append("\n" if multiline else " ")
    return "".join(kept)


def single_line(raw):
    """Typed text as one line: cleaned (clean_text), whitespace runs made one space."""
    return " ".join(clean_text(raw or "").split())


# A cell a spreadsheet would run as a formula starts with one of these ...
FORMULA_START = "=+-@\t\r"
# ... also right after a separator, since Excel in some locales splits CSV fields at `;`.
FORMULA_AFTER_SEPARATOR = re.compile(r"(^|[;,\t\r\n])(?=[=+\-@\t\r])")


def csv_safe(value):
    """A spreadsheet cell that cannot start a formula, at its start or after a separator."""
    if isinstance(value, str):
        return FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    return value
