"""The language a participant wrote in, among the site's languages, found offline.

A question or an opinion keeps the language it was written in, whatever page it was sent from:
a Korean visitor reading the English page still writes Korean. Lingua reads the text (its
models ship in the `lingua-language-detector` wheel, nothing is fetched); Hangul needs no model,
since Korean is the only site language written in it. Text that says too little ("OK", "no",
a number, an emoji) keeps the language of the page it came from.
"""

import re
import threading

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info, override

from portal.models import language_codes
from portal.search import is_hangul

# How far apart lingua's scores for the best and the second language must be before it names
# one (0..0.99). At 0.3 a single word shared by two languages ("control", "internet", "idea")
# is left to the page's language, while "Hola", "Gracias" or "Thanks!" are recognised.
MINIMUM_RELATIVE_DISTANCE = 0.3
# Korean when at least this share of the letters are Hangul: a Korean sentence quoting
# "e-Saram" or "HR" is Korean; an English one quoting 공무원 once is not.
HANGUL_SHARE = 1 / 3

# Enough text to tell any language; a longer one is read only this far.
SAMPLE_LENGTH = 2000

_LETTER = re.compile(r"[^\W\d_]")
_SURROGATES = re.compile("[\ud800-\udfff]")  # lone halves JSON lets through; lingua refuses them

_detector = None
_detector_languages = None
_detector_lock = threading.Lock()


def _lingua_languages():
    """{lingua Language: site code} for the site's languages lingua knows."""
    from lingua import IsoCode639_1, Language

    known = {}
    for code in language_codes():
        try:
            language = Language.from_iso_code_639_1(IsoCode639_1.from_str(code.split("-")[0]))
        except ValueError:  # a language lingua has no model for: never detected, only a fallback
            continue
        known[language] = code
    return known


def _site_detector():
    """(detector, {Language: code}), built once per process for the site's languages only.

    Loading lingua's models for four languages takes about a second on first use; a detector
    limited to the site's languages is both faster and never answers a language we cannot
    show. With fewer than two languages there is nothing to tell apart (detector None).
    """
    global _detector, _detector_languages
    if _detector_languages is None:
        with _detector_lock:
            if _detector_languages is None:
                from lingua import LanguageDetectorBuilder

                languages = _lingua_languages()
                if len(languages) >= 2:
                    _detector = (
                        LanguageDetectorBuilder.from_languages(*languages)
                        .with_minimum_relative_distance(MINIMUM_RELATIVE_DISTANCE)
                        .build()
                    )
                _detector_languages = languages
    return _detector, _detector_languages


def site_language(code, default=None):
    """`code` when it is one of the site's languages, else `default` (the site's default)."""
    if code in language_codes():
        return code
    return default if default is not None else settings.LANGUAGE_CODE


def detect(text, fallback=None):
    """The site language `text` is written in; `fallback` (if a site language, else the site's
    default) when the text is too short or too mixed to tell, or holds no letters at all."""
    fallback = site_language(fallback)
    text = _SURROGATES.sub(" ", (text or "")[:SAMPLE_LENGTH])
    letters = _LETTER.findall(text)
    if not letters:
        return fallback
    codes = language_codes()
    hangul = sum(1 for char in letters if is_hangul(char))
    if "ko" in codes and hangul >= len(letters) * HANGUL_SHARE:
        return "ko"
    detector, languages = _site_detector()
    if detector is None:
        return next(iter(languages.values()), fallback)
    language = detector.detect_language_of(text)
    return languages.get(language, fallback) if language is not None else fallback


def language_name(code, in_language=None):
    """The name of language `code`: in itself ("Español", "한국어") by default, so a reader
    finds theirs whatever the page's language; or as written in language `in_language`."""
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    if in_language is None:
        return capfirst(info["name_local"])
    with override(in_language):
        return capfirst(str(info["name_translated"]))
