"""Small helpers for the case library's templates."""

import re

from django import template

register = template.Library()

YEAR = re.compile(r"^\d{4}$")


@register.filter
def is_year(text):
    """Whether a timeline label is one year, so it can be a machine-readable <time>."""
    return bool(YEAR.match(str(text or "").strip()))
