"""Factories for the site's own pages and partners, used by tests."""

import factory
import wagtail_factories
from django.conf import settings

from .models import PartnerOrganisation, StandardPage


def per_language(text, languages=None):
    """Field values for every language (or the listed ones), e.g. title_en, title_ko…"""
    codes = languages or [code for code, _ in settings.LANGUAGES]
    return {code: f"{text} ({code})" for code in codes}


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-page-{n}")
    title_en = factory.SelfAttribute("title")
    slug_en = factory.SelfAttribute("slug")
    intro = "A short introduction."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = StandardPage


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner agency {n}")
    name_en = factory.SelfAttribute("name")
    acronym = factory.Sequence(lambda n: f"PA{n}")
    country = "UY"
    kind = PartnerOrganisation.Kind.GOVERNMENT

    class Meta:
        model = PartnerOrganisation
