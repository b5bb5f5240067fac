"""Builds the demo site from portal.demo_content; safe to run any number of times.

Pages are created when missing and never overwritten, so a second run changes
nothing and staff edits made through the admin survive a re-run.
"""

import io
import textwrap

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from . import demo_content
from .models import HomePage, PartnerOrganisation, StandardPage

IMAGE_SPECS = {
    "esaram-timeline": ("e-Saram: 2000 → 2011–2012 cloud → RPA in payroll", (11, 79, 138)),
    "proactive-service": ("Proactive public service: protection, reward, immunity", (30, 107, 53)),
    "webinar-idb": ("MPM × IDB webinar on digital HRM, 29 October 2020", (179, 38, 30)),
}
DOCUMENT_SPECS = {
    "mpm-overview": "Ministry of Personnel Management: an overview",
    "esaram-brief": "e-Saram: electronic HR management for public officials",
}


def _png(label, colour):
    picture = PILImage.new("RGB", (960, 400), colour)
    draw = ImageDraw.Draw(picture)
    for number, line in enumerate(textwrap.wrap(label, 40)):
        draw.text((40, 150 + 30 * number), line, fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def _pdf(title):
    """A one-page PDF naming the document, written by hand so no PDF library is needed."""
    safe = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def demo_images():
    images = {}
    for key, (label, colour) in IMAGE_SPECS.items():
        image = Image.objects.filter(title=label).first()
        if image is None:
            image = Image(title=label)
            image.file = ImageFile(io.BytesIO(_png(label, colour)), name=f"{key}.png")
            image.save()
        images[key] = image
    return images


def demo_documents():
    documents = {}
    for key, title in DOCUMENT_SPECS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(f"{key}.pdf", ContentFile(_pdf(title)), save=False)
            document.save()
        documents[key] = document
    return documents


def _stream(blocks, images, documents):
    stream = []
    for kind, value in blocks:
        if kind == "heading":
            stream.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "paragraph":
            stream.append(("paragraph", value))
        elif kind == "quote":
            stream.append(("quote", value))
        elif kind == "figure":
            image = images[value["image"]]
            stream.append(
                (
                    "figure",
                    {
                        "image": {
                            "image": image,
                            "alt_text": value["caption"],
                            "decorative": False,
                        },
                        "caption": value["caption"],
                    },
                )
            )
        elif kind == "document":
            stream.append(
                ("document", {"document": documents[value["document"]], "title": value["title"]})
            )
    return stream


def _translated(spec, field):
    return {f"{field}_{code}": spec[field][code] for code in demo_content.LANGS if field in spec}


def _page_fields(spec, images, documents, extra=()):
    fields = {}
    for name in ("title", "intro", *extra):
        fields.update(_translated(spec, name))
    if "slug" in spec:
        fields.update(_translated(spec, "slug"))
    for code in demo_content.LANGS:
        fields[f"body_{code}"] = _stream(spec["body"][code], images, documents)
    fields["title"] = spec["title"][settings.LANGUAGE_CODE]
    fields["slug"] = spec.get("slug", {}).get(settings.LANGUAGE_CODE, "home")
    return fields


def _publish(page):
    page.save_revision().publish()


def ensure_root():
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=None))
    return root


def ensure_home(images, documents):
    root = ensure_root()
    home = HomePage.objects.first()
    created = home is None
    if created:
        home = HomePage(
            **_page_fields(
                demo_content.HOME, images, documents, extra=("live_heading", "live_text")
            )
        )
        home.slug_en = "home"
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    # Wagtail's own welcome page is not part of the portal.
    root.get_children().exact_type(Page).delete()
    return home, created


def ensure_standard_pages(parent, specs, images, documents):
    created = 0
    for spec in specs:
        page = (
            parent.get_children()
            .type(StandardPage)
            .filter(slug_en=spec["slug"][settings.LANGUAGE_CODE])
            .specific()
            .first()
        )
        if page is None:
            page = StandardPage(**_page_fields(spec, images, documents), show_in_menus=True)
            parent.add_child(instance=page)
            _publish(page)
            created += 1
        created += ensure_standard_pages(page, spec.get("children", []), images, documents)
    return created


def ensure_partners():
    created = 0
    for spec in demo_content.PARTNERS:
        defaults = {
            **_translated(spec, "name"),
            "name": spec["name"][settings.LANGUAGE_CODE],
            "kind": spec["kind"],
            "website": spec["website"],
            "sort_order": spec["sort_order"],
        }
        _partner, was_created = PartnerOrganisation.objects.get_or_create(
            acronym=spec["acronym"], country=spec["country"], defaults=defaults
        )
        created += was_created
    return created


def ensure_admin():
    User = get_user_model()
    username = settings.DEMO_ADMIN_USERNAME
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_superuser(
            username=username,
            email=f"{username}@example.org",
            password=settings.DEMO_ADMIN_PASSWORD,
        )
        return user, True
    return user, False


@transaction.atomic
def load_demo_content():
    """Create whatever of the demo site is missing; return counts of what was created."""
    images = demo_images()
    documents = demo_documents()
    home, home_created = ensure_home(images, documents)
    pages = ensure_standard_pages(home, demo_content.STANDARD_PAGES, images, documents)
    partners = ensure_partners()
    _user, admin_created = ensure_admin()
    return {
        "home": int(home_created),
        "pages": pages,
        "partners": partners,
        "admin": int(admin_created),
    }
