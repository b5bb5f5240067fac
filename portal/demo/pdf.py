"""PDFs for the demo content, written with fpdf2 in a Noto CJK face so Korean renders too."""

import hashlib
import logging
import os
from pathlib import Path

import fpdf
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Debian's fonts-noto-cjk; face 1 of the collection is the Korean one, which also covers
# Latin and Cyrillic, so one font serves every language the portal offers.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
KOREAN_FACE = 1
# fontTools reports every table it subsets at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class FontMissing(ImproperlyConfigured):
    pass


def font_paths():
    regular = Path(getattr(settings, "DEMO_PDF_FONT", CJK_FONT))
    bold = Path(getattr(settings, "DEMO_PDF_FONT_BOLD", CJK_FONT_BOLD))
    missing = [str(path) for path in (regular, bold) if not path.is_file()]
    if missing:
        raise FontMissing(
            f"The demo PDFs need the Noto CJK fonts ({', '.join(missing)} not found). "
            "Install them with: apt-get install fonts-noto-cjk"
        )
    return regular, bold


def _cache_dir():
    # Embedding a CJK font takes seconds per PDF; the same text gives the same bytes.
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mpm-portal" / "demo-pdfs"


def render_pdf(title, paragraphs, language, footer=""):
    """A readable A4 PDF: title, then paragraphs (or ("heading", text) pairs), in one language."""
    regular, bold = font_paths()
    key = hashlib.sha256(
        repr((fpdf.FPDF_VERSION, str(regular), title, paragraphs, language, footer)).encode()
    ).hexdigest()
    cached = _cache_dir() / f"{key}.pdf"
    if cached.is_file():
        return cached.read_bytes()

    pdf = fpdf.FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator(settings.WAGTAIL_SITE_NAME)
    pdf.add_font("noto", "", str(regular), collection_font_number=KOREAN_FACE)
    pdf.add_font("noto", "B", str(bold), collection_font_number=KOREAN_FACE)
    pdf.set_margins(22, 22, 22)
    pdf.add_page()
    pdf.set_font("noto", "B", 18)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in paragraphs:
        # A ("heading", text) pair is a subheading; Korean breaks between words, as in browsers.
        if isinstance(paragraph, tuple | list):
            pdf.ln(2)
            pdf.set_font("noto", "B", 13)
            pdf.multi_cell(0, 8, paragraph[1], new_x="LMARGIN", new_y="NEXT", align="L")
        else:
            pdf.set_font("noto", "", 11)
            pdf.multi_cell(
                0, 6.5, paragraph, new_x="LMARGIN", new_y="NEXT", wrapmode="WORD", align="L"
            )
        pdf.ln(3)
    if footer:
        pdf.ln(4)
        pdf.set_font("noto", "", 9)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 5, footer, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only home only costs the next run the same few seconds
    return data
