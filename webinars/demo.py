"""The webinars' part of the demo: extra keys a webinar file may carry (read by portal.demo).

- ``starts``: ``"2020-10-29 09:00"``, the local start in the file's ``time_zone`` (past events);
- ``starts_in``: ``{days: 21, time: "10:00"}``, a local start that many days after the day the
  demo is loaded (moved on to Monday from a weekend), or ``{minutes: -20}``, that many minutes
  from the moment it is loaded (so an upcoming webinar stays upcoming, and the "live now" one
  is live, in a fresh demo);
- ``co_hosts``: partner organisation acronyms (``portal/demo/snippets/partners.yaml``);
- ``cases``: slug paths of case studies presented (``cases/e-saram``);
- ``attachments``: ``[{document: key, language: en}]``, keys from ``documents.yaml``;
- ``registrants``: ``[{name, email, organisation, country, role, language, status, attended}]``,
  people already registered (status ``confirmed`` unless given; ``waiting`` for the list).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.models import PartnerOrganisation

WEBINAR_KEYS = {"starts", "starts_in", "co_hosts", "cases", "attachments", "registrants"}


def _start(page, data):
    zone = page.zone
    if "starts" in data:
        local = datetime.strptime(str(data["starts"]), "%Y-%m-%d %H:%M")
        return timezone.make_aware(local, zone)
    spec = data.get("starts_in")
    if not spec:
        raise ValueError(f"webinar {page.title!r}: give `starts` or `starts_in`")
    now = timezone.now()
    if "minutes" in spec:
        start = now + timedelta(minutes=int(spec["minutes"]))
        return start.replace(minute=start.minute - start.minute % 5, second=0, microsecond=0)
    day = now.astimezone(zone).date() + timedelta(days=int(spec["days"]))
    while day.weekday() >= 5:  # a webinar on a Saturday or Sunday would look odd: Monday
        day += timedelta(days=1)
    hour, minute = (int(part) for part in str(spec["time"]).split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), zone)


def apply_webinar_demo_data(page, data, demo):
    from .models import WebinarAttachment, WebinarCaseLink

    unknown = set(data) - WEBINAR_KEYS
    if unknown:
        raise ValueError(f"webinar {page.title!r}: unknown fields {sorted(unknown)}")
    page.starts_at = _start(page, data)
    acronyms = data.get("co_hosts", [])
    partners = {p.acronym: p for p in PartnerOrganisation.objects.filter(acronym__in=acronyms)}
    missing = set(acronyms) - set(partners)
    if missing:
        raise ValueError(f"webinar {page.title!r}: unknown partners {sorted(missing)}")
    page.co_hosts = [partners[acronym] for acronym in acronyms]
    cases = []
    for path in data.get("cases", []):
        case = demo.page_at(path)
        if case is None:
            raise ValueError(f"webinar {page.title!r}: no case study at {path!r}")
        cases.append(case)
    page.case_links = [WebinarCaseLink(case=case) for case in cases]
    page.attachments = [
        WebinarAttachment(
            document=demo.documents[item["document"]], language=item.get("language", "")
        )
        for item in data.get("attachments", [])
    ]


def after_webinar_publish(page, data, demo):
    """Once the webinar exists: the people registered."""
    from .models import Registration

    for person in data.get("registrants", []):
        fields = dict(person)
        Registration.objects.get_or_create(
            webinar=page,
            email=fields.pop("email"),
            defaults={"consent_at": page.starts_at - timedelta(days=7), **fields},
        )
