"""The case library's part of the demo: extra keys its page files may carry (read by portal.demo).

Case study files:
- ``themes`` / ``systems``: slugs from ``snippets/themes.yaml`` and ``snippets/systems.yaml``;
- ``partners``: partner organisation acronyms (``portal/demo/snippets/partners.yaml``);
- ``attachments``: ``[{document: key, language: en}]``, keys from ``documents.yaml``;
- ``views``: a starting view count, so "most viewed" orders the demo library.

Documentation files:
- ``system``: the slug of the system the page documents.
"""

from portal.models import PartnerOrganisation

from .models import CaseStudyAttachment, System, Theme

CASE_KEYS = {"themes", "systems", "partners", "attachments", "views"}


def _by_slug(model, slugs, source):
    found = {item.slug: item for item in model.objects.filter(slug__in=slugs)}
    missing = set(slugs) - set(found)
    if missing:
        raise ValueError(f"{source}: unknown {model._meta.verbose_name_plural} {sorted(missing)}")
    return [found[slug] for slug in slugs]


def apply_case_demo_data(page, data, demo):
    unknown = set(data) - CASE_KEYS
    if unknown:
        raise ValueError(f"case {page.title!r}: unknown fields {sorted(unknown)}")
    page.themes = _by_slug(Theme, data.get("themes", []), page.title)
    page.systems = _by_slug(System, data.get("systems", []), page.title)
    acronyms = data.get("partners", [])
    partners = {p.acronym: p for p in PartnerOrganisation.objects.filter(acronym__in=acronyms)}
    missing = set(acronyms) - set(partners)
    if missing:
        raise ValueError(f"case {page.title!r}: unknown partners {sorted(missing)}")
    page.partners = [partners[acronym] for acronym in acronyms]
    page.attachments = [
        CaseStudyAttachment(
            document=demo.documents[item["document"]], language=item.get("language", "")
        )
        for item in data.get("attachments", [])
    ]


def seed_case_views(page, data):
    """After publishing: the starting view count (kept apart from the page, as in the newsroom)."""
    from portal.news.models import PageViewCount

    if data.get("views"):
        PageViewCount.objects.get_or_create(page_id=page.pk, defaults={"count": data["views"]})


def apply_documentation_demo_data(page, data, demo):
    unknown = set(data) - {"system"}
    if unknown:
        raise ValueError(f"documentation {page.title!r}: unknown fields {sorted(unknown)}")
    if data.get("system"):
        (page.system,) = _by_slug(System, [data["system"]], page.title)
