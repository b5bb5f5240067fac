"""The case library's part of the demo: extra keys its page files may carry (read by portal.demo).

Case study files:
- ``themes`` / ``systems``: slugs from ``snippets/themes.yaml`` and ``snippets/systems.yaml``;
- ``partners``: partner organisation acronyms (``portal/demo/snippets/partners.yaml``);
- ``attachments``: ``[{document: key, language: en}]``, keys from ``documents.yaml``;
- ``views``: a starting view count, so "most viewed" orders the demo library;
- ``press_releases``: slug paths of releases (``news/…``) that mention the case: each gets the
  case as a related page, in a newly published revision.

Documentation files:
- ``system``: the slug of the system the page documents.
"""

from portal.models import PartnerOrganisation

from .models import CaseStudyAttachment, System, Theme

CASE_KEYS = {"themes", "systems", "partners", "attachments", "views", "press_releases"}


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


def after_case_publish(page, data, demo):
    """Once the case exists: its starting view count (kept apart from the page, as in the
    newsroom) and the releases that mention it."""
    from portal.news.models import NewsPageRelatedPage, PageViewCount

    if data.get("views"):
        PageViewCount.objects.get_or_create(page_id=page.pk, defaults={"count": data["views"]})
    for path in data.get("press_releases", []):
        release = demo.page_at(path)
        if release is None:
            raise ValueError(f"case {page.title!r}: no press release at {path!r}")
        if not release.related_pages.filter(target=page).exists():
            release.related_pages.add(NewsPageRelatedPage(target=page))
            release.save_revision().publish()


def apply_documentation_demo_data(page, data, demo):
    unknown = set(data) - {"system"}
    if unknown:
        raise ValueError(f"documentation {page.title!r}: unknown fields {sorted(unknown)}")
    if data.get("system"):
        (page.system,) = _by_slug(System, [data["system"]], page.title)
