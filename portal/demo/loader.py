"""Reads the demo folders and creates whatever of the demo site is missing."""

import contextlib
import copy
import io
import re
from collections import Counter
from html import unescape as unescape_entities
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import strip_tags
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site

from ..models import language_codes
from .figures import draw_figure
from .pdf import render_pdf


def demo_folders():
    """Each installed app's demo folder, in INSTALLED_APPS order (portal first)."""
    folders = []
    for app_config in apps.get_app_configs():
        folder = getattr(app_config, "demo_folder", None)
        if folder:
            path = Path(app_config.path) / folder
            if path.is_dir():
                folders.append(path)
    return folders


def read_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def is_per_language(value):
    return isinstance(value, dict) and value and set(value) <= set(language_codes())


def html_paragraphs(html):
    """Plain-text paragraphs of a rich-text value, for the PDFs; list items get a bullet."""
    texts = []
    for part in re.split(r"</p>|</li>|<br\s*/?>", html):
        text = unescape_entities(strip_tags(part)).strip()
        if text:
            texts.append(f"• {text}" if "<li" in part else text)
    return texts


class DemoLoader:
    """Creates the demo content from the folders; `created` counts what was new."""

    def __init__(self, folders=None):
        self.folders = demo_folders() if folders is None else folders
        self.images = {}
        self.documents = {}
        self.created = Counter()

    # Images and documents ------------------------------------------------------------

    def image(self, key, spec):
        """The figure drawn from its spec; found again by its title."""
        image = Image.objects.filter(title=spec["title"]).first()
        if image is None:
            image = Image(title=spec["title"])
            image.file = ImageFile(io.BytesIO(draw_figure(spec)), name=f"{key}.png")
            image.save()
            self.created["images"] += 1
        self.images[key] = image
        return image

    def pdf_document(self, filename, title, paragraphs, language, footer=""):
        """A Wagtail document holding a PDF of the text; found again by its title."""
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            pdf = render_pdf(title, paragraphs, language, footer=footer)
            document.file.save(f"{filename}.pdf", ContentFile(pdf), save=False)
            document.save()
            self.created["documents"] += 1
        return document

    def load_media(self, folder):
        images = folder / "images.yaml"
        if images.is_file():
            for key, spec in read_yaml(images).items():
                self.image(key, spec)
        documents = folder / "documents.yaml"
        if documents.is_file():
            for key, spec in read_yaml(documents).items():
                paragraphs = spec.get("text", [])
                self.documents[key] = self.pdf_document(
                    key, spec["title"], paragraphs, spec.get("language", settings.LANGUAGE_CODE)
                )

    # Snippets ------------------------------------------------------------------------

    def field_values(self, model, data):
        """Model field values from a data mapping: {"en": …, "ko": …} fills each language."""
        values = {}
        for name, value in data.items():
            field = model._meta.get_field(name)
            if is_per_language(value):
                for code, text in value.items():
                    values[f"{name}_{code}"] = self.convert(field, text)
                values[name] = values.get(f"{name}_{settings.LANGUAGE_CODE}")
            else:
                values[name] = self.convert(field, value)
        return values

    def convert(self, field, value):
        if isinstance(field, StreamField):
            return self.stream(value)
        return value

    def load_snippets(self, folder):
        for path in sorted((folder / "snippets").glob("*.yaml")):
            spec = read_yaml(path)
            model = apps.get_model(spec["model"])
            for item in spec["items"]:
                lookup = {name: item[name] for name in spec["lookup"]}
                rest = {name: value for name, value in item.items() if name not in lookup}
                _obj, created = model.objects.get_or_create(
                    **lookup, defaults=self.field_values(model, rest)
                )
                self.created[model._meta.verbose_name_plural] += created

    # Pages ---------------------------------------------------------------------------

    def stream(self, blocks):
        stream = []
        for block in blocks:
            ((kind, value),) = block.items()
            if kind == "heading":
                stream.append(("heading", {"text": value, "level": "h2"}))
            elif kind == "figure":
                stream.append(
                    (
                        "figure",
                        {
                            "image": {
                                # A copy per block: ImageBlock keeps the alt text on the image.
                                "image": copy.copy(self.images[value["image"]]),
                                "alt_text": value["caption"],
                                "decorative": False,
                            },
                            "caption": value["caption"],
                        },
                    )
                )
            elif kind == "document":
                document = self.documents[value["document"]]
                stream.append(("document", {"document": document, "title": value["title"]}))
            else:
                stream.append((kind, value))
        return stream

    def home(self):
        return Page.objects.type(apps.get_model("portal", "HomePage")).specific().first()

    def page_at(self, path):
        """The page at an English slug path below the home page ("" is the home page)."""
        page = self.home()
        for slug in filter(None, path.split("/")):
            page = page.get_children().filter(slug_en=slug).specific().first() if page else None
        return page

    def load_page(self, path):
        data = read_yaml(path)
        model = apps.get_model(data.pop("type"))
        parent_path = data.pop("parent", None)
        extra = {name: data.pop(name) for name in list(data) if name not in _field_names(model)}
        slug = data.get("slug")
        english_slug = slug.get(settings.LANGUAGE_CODE) if isinstance(slug, dict) else slug

        if parent_path is None:  # the site's root page
            parent = ensure_root()
            existing = Page.objects.type(model).specific().first()
        else:
            parent = self.page_at(parent_path)
            if parent is None:
                raise ValueError(f"{path.name}: no parent page at {parent_path!r}")
            existing = (
                parent.get_children().type(model).filter(slug_en=english_slug).specific().first()
            )
        if existing is not None:
            return existing, False

        values = self.field_values(model, data)
        if isinstance(slug, str):
            values["slug_en"] = slug
        page = model(**values)
        if hasattr(page, "apply_demo_data"):
            page.apply_demo_data(extra, self)
        elif extra:
            raise ValueError(f"{path.name}: unknown fields {sorted(extra)}")
        parent.add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        if hasattr(page, "after_demo_publish"):
            page.after_demo_publish(extra, self)
        return page, True

    def load_pages(self, folder):
        for path in sorted((folder / "pages").glob("*.yaml")):
            page, created = self.load_page(path)
            if created:
                self.created[_count_name(page)] += 1
            if page.specific_class.__name__ == "HomePage":
                ensure_site(page)

    # Everything ----------------------------------------------------------------------

    def load(self):
        for folder in self.folders:
            self.load_media(folder)
        for folder in self.folders:
            self.load_snippets(folder)
        for folder in self.folders:
            self.load_pages(folder)
        return self.created


def _field_names(model):
    """Plain fields the loader fills itself; relations go to the model's apply_demo_data."""
    return {
        field.name for field in model._meta.get_fields() if field.concrete and not field.is_relation
    }


def _count_name(page):
    return {"HomePage": "home", "StandardPage": "pages"}.get(
        page.specific_class.__name__, str(page.specific_class._meta.verbose_name_plural)
    )


def ensure_root():
    """The page tree's root, and the root collection documents and images go to by default.

    Both are made by migrations; a database emptied since (a flush) has neither."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=None))
    return root


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # Where the portal is served (WAGTAILADMIN_BASE_URL): links in e-mails and calendar
        # files are built from the site's host and port, so they lead back to it.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        Site.objects.create(
            hostname=base.hostname or "localhost",
            port=base.port or (443 if base.scheme == "https" else 80),
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    # Wagtail's own welcome page is not part of the portal.
    ensure_root().get_children().exact_type(Page).delete()


def ensure_admin(password=None):
    """Create the demo admin if missing; an existing account keeps its password."""
    User = get_user_model()
    username = settings.DEMO_ADMIN_USERNAME
    if User.objects.filter(username=username).exists():
        return False
    password = password or settings.DEMO_ADMIN_PASSWORD
    if not password:  # production has no demo password: the operator gives one
        raise ImproperlyConfigured("Give the demo admin a password (DEMO_ADMIN_PASSWORD).")
    User.objects.create_superuser(
        username=username, email=f"{username}@example.org", password=password
    )
    return True


@contextlib.contextmanager
def indexed_once():
    """Index each saved object once, at the end: publishing saves a page several times, and
    every save would index it again (each language analysed, Korean by Kiwi)."""
    from modelsearch import index, signal_handlers

    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, instance.pk)] = instance

    models = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        post_save.connect(remember, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(remember, sender=model)
            post_save.connect(signal_handlers.post_save_signal_handler, sender=model)
    for (model, pk), _instance in saved.items():
        fresh = model._default_manager.filter(pk=pk).first()
        if fresh is not None:
            index.insert_or_update_object(fresh)


@transaction.atomic
def load_demo_content(admin_password=None):
    """Create whatever of the demo site is missing; return counts of what was created."""
    with indexed_once():
        created = DemoLoader().load()
    created["admin"] = int(ensure_admin(admin_password))
    for name in ("home", "pages", "partner organisations"):
        created.setdefault(name, 0)
    return dict(created)
