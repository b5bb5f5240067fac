"""Factories for the case library and the documentation, used by tests."""

import factory
import wagtail_factories

from .models import (
    CaseIndexPage,
    CaseStudyAttachment,
    CaseStudyPage,
    DocumentationIndexPage,
    DocumentationPage,
    System,
    Theme,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class SystemFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"System {n}")
    name_en = factory.SelfAttribute("name")
    slug = factory.Sequence(lambda n: f"system-{n}")

    class Meta:
        model = System
        django_get_or_create = ("slug",)


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case studies"
    title_en = "Case studies"
    slug = "cases"
    slug_en = "cases"
    intro = "How Korea's civil service changed, case by case."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = CaseIndexPage


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    """A case in English; pass `title_ko=…` (and `slug_ko`) for other languages.

    `themes`, `systems` and `partners` take lists: ``CaseStudyPageFactory(themes=[theme])``.
    """

    title = factory.Sequence(lambda n: f"Case study {n}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    slug_en = factory.SelfAttribute("slug")
    year = 2020
    intro = "What was done, and what changed."
    intro_en = factory.SelfAttribute("intro")
    context = "<p>The problem the ministry faced.</p>"
    context_en = factory.SelfAttribute("context")

    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def systems(self, create, extracted, **kwargs):
        if create and extracted:
            self.systems.set(extracted)
            self.save()

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)
            self.save()


class DocumentationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Documentation"
    title_en = "Documentation"
    slug = "documentation"
    slug_en = "documentation"
    intro = "How the systems work."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = DocumentationIndexPage


class DocumentationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Documentation page {n}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"documentation-page-{n}")
    slug_en = factory.SelfAttribute("slug")
    intro = "What this part of the system does."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = DocumentationPage


def attach(case, document=None, language=""):
    """Attach a document to a saved case and return the attachment."""
    from portal.news.factories import DocumentFactory

    return CaseStudyAttachment.objects.create(
        page=case, document=document or DocumentFactory(), language=language
    )
