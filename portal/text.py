"""Cleaning text that visitors type before it reaches a query."""

SEARCH_MAX_QUERY = 200


def search_words(raw, limit=SEARCH_MAX_QUERY):
    """The words of a search, without control characters (NUL breaks both databases) or
    double quotes (SQLite's full-text syntax), capped at `limit` characters."""
    printable = "".join(char if char.isprintable() and char != '"' else " " for char in raw)
    return " ".join(printable.split())[:limit]
