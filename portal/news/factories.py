"""Factories for the newsroom, used by tests."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from .models import NewsCategory, NewsIndexPage, NewsPage, NewsPageAttachment


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = NewsCategory


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Newsroom"
    title_en = "Newsroom"
    slug = "news"
    slug_en = "news"
    intro = "Press releases."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Press release {n}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"press-release-{n}")
    slug_en = factory.SelfAttribute("slug")
    date = datetime.date(2021, 6, 1)
    writer = "Press office"
    writer_en = factory.SelfAttribute("writer")
    intro = "A short summary of the release."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = NewsPage


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n% test document\n%%EOF\n", name=f"{o.title}.pdf")
    )

    class Meta:
        model = Document


def attach(release, document=None, language=""):
    """Attach a document to a saved release and return the attachment."""
    attachment = NewsPageAttachment.objects.create(
        page=release, document=document or DocumentFactory(), language=language
    )
    return attachment
