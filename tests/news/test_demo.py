"""The demo newsroom: releases from 2019 to 2022 in four languages, with real PDFs."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from portal.demo.pdf import FontMissing, render_pdf
from portal.news.models import NewsPage

LANGUAGES = ["en", "ko", "es", "ru"]


def to_unicode_codes(pdf):
    """Code points the PDF's fonts map glyphs to (its ToUnicode CMaps): the text it shows."""
    cmaps = re.findall(rb"beginbf(?:char|range)(.*?)endbf(?:char|range)", pdf, re.S)
    pairs = (re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", cmap) for cmap in cmaps)
    return {int(code, 16) for found in pairs for code in found}


@pytest.fixture
def releases(demo_site):
    return list(NewsPage.objects.live().order_by("date"))


def test_demo_has_releases_from_2019_to_2022_in_every_language(releases):
    assert len(releases) >= 6
    assert {release.date.year for release in releases} >= {2019, 2020, 2021, 2022}
    for release in releases:
        assert release.available_languages() == LANGUAGES, release.title
        for code in LANGUAGES:
            assert getattr(release, f"intro_{code}"), (release.title, code)
            assert getattr(release, f"body_{code}"), (release.title, code)
    with_pdfs = [release for release in releases if release.attachments.exists()]
    assert len(with_pdfs) > len(releases) / 2


def test_the_idb_webinar_release_is_there_as_the_old_board_showed_it(releases):
    idb = next(release for release in releases if release.date.isoformat() == "2020-10-27")
    assert idb.writer_en == "Administrator"
    assert idb.hits == 1070
    english = idb.attachments.get(language="en")
    assert english.downloads == 14


def test_release_pdfs_carry_the_text_in_their_language_with_korean_glyphs(releases):
    release = next(release for release in releases if release.attachments.exists())
    for attachment in release.attachments.all():
        with attachment.document.open_file() as handle:
            pdf = handle.read()
        assert pdf.startswith(b"%PDF-")
        assert b"NotoSansCJK" in pdf  # the font is embedded, not assumed on the reader's machine
        with translation.override(attachment.language):
            title = release.title
        letters = {ord(char) for char in title if not char.isspace()}
        assert letters <= to_unicode_codes(pdf), attachment.language
        assert attachment.document.title == title


def test_missing_font_stops_the_loader_with_a_clear_message(tmp_path):
    with (
        override_settings(DEMO_PDF_FONT=str(tmp_path / "absent.ttc")),
        pytest.raises(FontMissing, match="apt-get install fonts-noto-cjk"),
    ):
        render_pdf("Title", ["Text"], "en")
