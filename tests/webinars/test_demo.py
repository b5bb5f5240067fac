"""The demo webinars, as `make run` loads them: what a newcomer finds."""

from django.utils import timezone

from portal.models import language_codes
from webinars.models import WebinarPage


def test_the_demo_has_the_past_the_live_and_the_upcoming_webinars(demo_site):
    now = timezone.now()
    webinars = {page.slug_en: page for page in WebinarPage.objects.live().public()}
    idb = webinars["korea-digital-hrm-idb-2020"]
    assert idb.is_past(now) and idb.recording_url
    assert idb.local_start.date().isoformat() == "2020-10-29"
    assert idb.attachments.count() >= 1 and idb.presented_cases()
    assert {p.acronym for p in idb.co_hosts.all()} >= {"IDB"}
    astana = webinars["astana-hub-covid-19-seminar-2020"]
    assert astana.is_past(now) and astana.local_start.year == 2020
    assert {p.acronym for p in astana.co_hosts.all()} >= {"ACSH"}
    upcoming = [w for w in webinars.values() if w.starts_at > now and w.registration_is_open(now)]
    assert len(upcoming) >= 2
    live = webinars["civil-service-reforms-open-qa"]
    assert live.is_live(now)
    for webinar in webinars.values():
        assert webinar.available_languages() == language_codes()
