"""A delegation reads the webinar pages: the list and its filters, a webinar's page with its live
room and recording, registering, the confirmation and cancelling; bad input never a 500."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from wagtail_factories import ImageFactory

from portal.factories import PartnerOrganisationFactory, StandardPageFactory
from qa.models import Room
from webinars import embeds, services
from webinars.factories import RegistrationFactory, WebinarPageFactory
from webinars.models import PAST_WEBINARS_PER_PAGE, Registration
from webinars.templatetags.webinar_pages import utc_offset

LANGUAGES = ["en", "ko", "es", "ru"]
TITLES = {
    "en": "Proactive public service",
    "ko": "적극행정 웨비나",
    "es": "Servicio público proactivo",
    "ru": "Проактивная госслужба",
}
SLUGS = {"ko": "적극행정", "es": "servicio-proactivo", "ru": "проактивная-госслужба"}


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def route_in(page, code, name, *args):
    """The address of one of a webinar's routes (register, calendar…) in a language."""
    return url_in(page, code) + page.reverse_subpage(name, args=args)


def field_tag(html, field_id):
    """The <input>, <select> or <textarea> with this id."""
    match = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{field_id}"[^>]*>', html)
    assert match, f"no field {field_id}"
    return match.group(0)


def hours_from_now(hours):
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def card_titles(html):
    return re.findall(r'class="webinar-card__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def section(html, key):
    """The HTML of the list's "upcoming" or "past" section."""
    match = re.search(rf'<section[^>]*data-testid="{key}".*?</section>', html, re.S)
    assert match, f"no {key} section"
    return match.group(0)


def person(**changes):
    return {
        "name": "Ana Pérez",
        "email": "ana@example.org",
        "organisation": "Oficina Nacional del Servicio Civil",
        "country": "UY",
        "role": "HR director",
        "language": "es",
        "consent": "on",
        **changes,
    }


@pytest.fixture
def index(webinars_index):
    return webinars_index


@pytest.fixture
def webinar(index):
    return WebinarPageFactory(
        parent=index,
        title=TITLES["en"],
        **{f"title_{code}": title for code, title in TITLES.items()},
        **{f"slug_{code}": slug for code, slug in SLUGS.items()},
        summary_ru="Как работает система проактивной службы.",
        starts_at=hours_from_now(24 * 10),
        capacity=2,
    )


@pytest.fixture
def past(index):
    return WebinarPageFactory(
        parent=index,
        title="Digital HRM with the IDB",
        starts_at=hours_from_now(-24 * 300),
        time_zone="America/New_York",
        registration_open=False,
        recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )


# Every page answers -------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_answers_in_every_language(client, index, webinar, past, code):
    for url in (url_in(index, code), url_in(webinar, code), route_in(webinar, code, "register")):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert TITLES[code] in html, url
    past_page = client.get(url_in(past, code))
    assert past_page.status_code == 200


# The list --------------------------------------------------------------------------------------


def test_list_shows_upcoming_soonest_first_then_past_newest_first(client, index):
    for title, hours in [("Later", 200), ("Sooner", 20), ("Long ago", -900), ("Recently", -50)]:
        WebinarPageFactory(parent=index, title=title, starts_at=hours_from_now(hours))
    html = client.get(url_in(index, "en")).content.decode()
    assert card_titles(section(html, "upcoming")) == ["Sooner", "Later"]
    assert card_titles(section(html, "past")) == ["Recently", "Long ago"]
    assert html.index('data-testid="upcoming"') < html.index('data-testid="past"')
    assert "Registration open" in section(html, "upcoming")
    assert "Past" in section(html, "past")


def test_each_webinar_shows_its_time_in_its_zone_and_in_the_partners_zones(client, index):
    partner = PartnerOrganisationFactory(
        name="Government of the Dominican Republic", time_zone="America/Santo_Domingo"
    )
    starts_at = hours_from_now(24 * 20).replace(minute=0)
    WebinarPageFactory(
        parent=index,
        title="Open recruitment",
        starts_at=starts_at,
        time_zone="America/Montevideo",
        duration=120,
        co_hosts=[partner],
        languages=["es", "ko"],
        interpretation=["en"],
    )
    html = client.get(url_in(index, "en")).content.decode()
    local = starts_at.astimezone(ZoneInfo("America/Montevideo"))
    end = local + timedelta(minutes=120)
    # The event's own zone, with its city and offset (Montevideo keeps UTC−3 all year).
    assert f"{local:%H:%M}–{end:%H:%M}" in html
    assert "(Montevideo, UTC−3)" in html
    # The UTC instant for the reader's own zone (webinars.js), and the event's zone.
    assert f'datetime="{starts_at.astimezone(ZoneInfo("UTC")):%Y-%m-%dT%H:%M:%SZ}"' in html
    assert 'data-zone="America/Montevideo"' in html
    # Without JavaScript: the ministry's zone and the partner's.
    zones = re.search(r'data-testid="zone-times">(.*?)</ul>', html, re.S).group(1)
    seoul = starts_at.astimezone(ZoneInfo("Asia/Seoul"))
    santo_domingo = starts_at.astimezone(ZoneInfo("America/Santo_Domingo"))
    assert re.search(rf"Seoul</span>.*?{seoul:%H:%M}</time>.*?\(UTC\+9\)", zones, re.S)
    assert re.search(
        rf"Santo Domingo</span>.*?{santo_domingo:%H:%M}</time>.*?\(UTC−4\)", zones, re.S
    )
    assert "Montevideo" not in zones  # the event's zone is said once, above
    assert "Government of the Dominican Republic" in html
    assert "Spanish, Korean" not in html  # the site's order, not the editor's
    assert re.search(r"<dt>Languages</dt>\s*<dd>Korean, Spanish</dd>", html)
    assert re.search(r"<dt>Interpretation into</dt>\s*<dd>English</dd>", html)


def test_a_full_webinar_says_the_waiting_list_is_open(client, index, webinar):
    RegistrationFactory.create_batch(2, webinar=webinar)
    html = client.get(url_in(index, "en")).content.decode()
    assert "Full: waiting list open" in html


def test_filters_by_partner_and_by_a_language_one_can_follow(client, index):
    idb = PartnerOrganisationFactory(name="Inter-American Development Bank")
    hub = PartnerOrganisationFactory(name="Astana Civil Service Hub")
    WebinarPageFactory(parent=index, title="Digital HRM", co_hosts=[idb], languages=["en"])
    WebinarPageFactory(
        parent=index, title="Working from home", co_hosts=[hub], interpretation=["ru"]
    )
    url = url_in(index, "en")
    html = client.get(url).content.decode()
    assert f'<option value="{idb.pk}">Inter-American Development Bank</option>' in html

    html = client.get(url, {"partner": idb.pk}).content.decode()
    assert card_titles(html) == ["Digital HRM"]
    assert f'<option value="{idb.pk}" selected>' in html
    assert "Clear filters" in html

    html = client.get(url, {"language": "ru"}).content.decode()
    assert card_titles(html) == ["Working from home"]  # through interpretation
    html = client.get(url, {"language": "ru", "partner": idb.pk}).content.decode()
    assert card_titles(html) == []
    assert "No upcoming webinar matches these filters." in html


@pytest.mark.parametrize(
    "query",
    [
        {"partner": "99999"},
        {"partner": "abc"},
        {"language": "xx"},
        {"language": "<script>alert(1)</script>"},
        {"partner": "1" * 500},
        {"partner": "\x00"},
    ],
)
def test_unknown_filter_values_say_so_and_list_everything(client, index, webinar, query):
    response = client.get(url_in(index, "en"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="unknown-filter"' in html
    assert card_titles(html) == [TITLES["en"]]
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("number", ["abc", "999", "-1", "0", "1.5", ""])
def test_bad_page_numbers_show_a_page_of_past_webinars(client, index, number):
    for days in range(PAST_WEBINARS_PER_PAGE + 2):
        WebinarPageFactory(
            parent=index, title=f"Past {days}", starts_at=hours_from_now(-24 * (days + 2))
        )
    response = client.get(url_in(index, "en"), {"page": number})
    assert response.status_code == 200
    titles = card_titles(section(response.content.decode(), "past"))
    assert titles  # never an empty or broken page


def test_pages_of_past_webinars_keep_the_filters(client, index):
    partner = PartnerOrganisationFactory(name="World Bank")
    for days in range(PAST_WEBINARS_PER_PAGE + 1):
        WebinarPageFactory(
            parent=index, co_hosts=[partner], starts_at=hours_from_now(-24 * (days + 2))
        )
    html = client.get(url_in(index, "en"), {"partner": partner.pk}).content.decode()
    assert f'href="?partner={partner.pk}&amp;page=2#past" rel="next"' in html
    html = client.get(url_in(index, "en"), {"partner": partner.pk, "page": 2}).content.decode()
    assert len(card_titles(section(html, "past"))) == 1
    assert "Page 2 of 2" in html


def test_the_list_offers_the_calendar_feed(client, index):
    html = client.get(url_in(index, "en")).content.decode()
    feed = route_in(index, "en", "feed")
    assert f'href="webcal://testserver{feed}"' in html
    assert f'value="http://testserver{feed}"' in html
    assert f'rel="alternate" type="text/calendar" href="{feed}"' in html


# A webinar's page ---------------------------------------------------------------------------


def test_the_page_shows_agenda_speakers_co_hosts_languages_and_how_to_join(client, webinar):
    photo = ImageFactory(title="Yoon Mi-ra")
    partner = PartnerOrganisationFactory(
        name="Civil Service Commission",
        acronym="CSC",
        logo=ImageFactory(title="CSC logo"),
        website="https://csc.example.org/",
        time_zone="Asia/Manila",
    )
    webinar.co_hosts.set([partner])
    webinar.languages = ["en", "ko"]
    webinar.interpretation = ["es", "ru"]
    webinar.location = "Online (Zoom)"
    webinar.joining_instructions = "<p>The link comes by e-mail.</p>"
    webinar.agenda = [
        {
            "type": "session",
            "value": {
                "starts": "10:00",
                "title": "How the committee decides",
                "description": "Immunity for approved proactive work.",
                "speakers": [
                    {
                        "name": "Yoon Mi-ra",
                        "role": "Director",
                        "organisation": "MPM",
                        "photo": photo.pk,
                    },
                    {"name": "Maria Santos", "role": "", "organisation": "CSC"},
                ],
            },
        }
    ]
    webinar.save()
    html = client.get(url_in(webinar, "en")).content.decode()
    assert re.search(r'<time datetime="10:00">10:00</time>.*How the committee decides', html, re.S)
    assert "Immunity for approved proactive work." in html
    assert "Yoon Mi-ra" in html and "Director, MPM" in html
    # Photos and logos sit beside the names they show, so they say nothing more themselves.
    assert re.search(r'<img alt="" class="speaker__photo"[^>]*src="[^"]*fill-96x96', html)
    assert re.search(r'<img alt="" class="co-host__logo"', html)
    assert "Maria Santos" in html
    assert "Civil Service Commission (CSC)" in html
    assert 'href="https://csc.example.org/"' in html
    assert "English, Korean" in html
    assert "Spanish, Russian" in html
    assert "Online (Zoom)" in html
    assert "The link comes by e-mail." in html
    assert "zoom.example.org" not in html  # the join link goes to registrants only
    assert "Times are in Seoul time (UTC+9)." in html
    assert "2 seats left" in html
    assert f'href="{route_in(webinar, "en", "register")}"' in html
    assert f'href="{route_in(webinar, "en", "calendar")}" download' in html


def test_the_page_offers_the_waiting_list_when_full(client, webinar):
    RegistrationFactory.create_batch(2, webinar=webinar)
    html = client.get(url_in(webinar, "en")).content.decode()
    assert "Join the waiting list" in html
    assert "seats left" not in html


def test_the_live_panel_shows_only_while_the_webinar_runs_with_an_open_room(client, webinar):
    room = Room.objects.create(webinar=webinar, code="LIVE42")
    html = client.get(url_in(webinar, "en")).content.decode()
    assert 'data-testid="live-panel"' not in html  # in ten days

    webinar.starts_at = hours_from_now(-0.5)
    webinar.save()
    html = client.get(url_in(webinar, "ru")).content.decode()
    panel = re.search(r'data-testid="live-panel".*?</section>', html, re.S).group(0)
    assert ">LIVE42<" in panel
    assert "<svg" in panel  # the QR code
    assert 'href="/ru/live/LIVE42/"' in panel  # the join button keeps the reader's language
    assert TITLES["ru"] in panel  # the room takes its title from the webinar, in Russian
    assert 'class="webinar-live__kicker"' in panel  # "Live now"

    room.is_open = False
    room.save()
    html = client.get(url_in(webinar, "en")).content.decode()
    assert 'data-testid="live-panel"' not in html


def test_the_recording_loads_nothing_from_its_host_before_the_click(client, past):
    html = client.get(url_in(past, "en")).content.decode()
    recording = re.search(r'<div class="recording".*?</section>', html, re.S).group(0)
    assert "<iframe" not in html
    assert 'data-recording="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?' in recording
    # Without JavaScript, the button is a plain link to the recording.
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-recording-play' in recording
    assert f'href="{route_in(past, "en", "register")}"' not in html


def test_a_recording_from_another_host_is_only_a_link(client, past):
    past.recording_url = "https://media.example.org/idb-webinar.mp4"
    past.save()
    html = client.get(url_in(past, "en")).content.decode()
    assert "data-recording=" not in html
    assert 'href="https://media.example.org/idb-webinar.mp4"' in html
    assert "The recording opens on media.example.org." in html


def test_no_recording_before_the_webinar_has_taken_place(client, webinar):
    webinar.recording_url = "https://vimeo.com/123456"
    webinar.save()
    html = client.get(url_in(webinar, "en")).content.decode()
    assert "data-recording" not in html


def test_the_report_is_linked_after_the_webinar(client, past):
    report = StandardPageFactory(parent=past, title="What partners took home")
    html = client.get(url_in(past, "en")).content.decode()
    assert f'href="{url_in(report, "en")}"' in html
    assert 'data-testid="report-link"' in html


def test_text_from_editors_and_registrants_is_escaped(client, index):
    webinar = WebinarPageFactory(
        parent=index,
        title="<script>alert('title')</script>",
        summary="<img src=x onerror=alert(1)>",
        location="<b>Zoom</b>",
        agenda=[
            {
                "type": "session",
                "value": {
                    "title": "<i>Session</i>",
                    "description": "<script>x</script>",
                    "speakers": [{"name": "<u>Kim</u>", "role": "", "organisation": ""}],
                },
            }
        ],
    )
    for url in (url_in(index, "en"), url_in(webinar, "en"), route_in(webinar, "en", "register")):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html, url
    html = client.get(url_in(webinar, "en")).content.decode()
    assert "<b>Zoom</b>" not in html and "<i>Session</i>" not in html and "<u>Kim</u>" not in html
    registration = RegistrationFactory(webinar=webinar, name="<b>Ana</b>")
    token = services.registration_token(registration)
    html = client.get(route_in(webinar, "en", "registration", token)).content.decode()
    assert "<b>Ana</b>" not in html and "&lt;b&gt;Ana&lt;/b&gt;" in html


# Registering -----------------------------------------------------------------------------------


def test_register_with_mistakes_shows_them_and_saves_nothing(client, webinar):
    url = route_in(webinar, "es", "register")
    response = client.post(url, person(email="ana@example", consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert 'aria-invalid="true"' in field_tag(html, "id_email")
    assert 'id="id_email_error"' in html
    assert 'id="id_consent_error"' in html
    assert 'href="#id_email"' in html  # the summary links to the field
    assert 'value="Oficina Nacional del Servicio Civil"' in html  # what was typed is kept
    assert Registration.objects.count() == 0


def test_the_form_hides_its_honeypot_and_a_robot_gets_nothing(client, webinar):
    url = route_in(webinar, "en", "register")
    html = client.get(url).content.decode()
    assert re.search(r'<div class="form__trap">\s*<div class="field">', html)
    assert 'tabindex="-1"' in field_tag(html, "id_website")
    response = client.post(url, person(website="http://spam.example"))
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_registering_shows_the_confirmation_with_calendar_and_cancel_links(client, webinar):
    response = client.post(route_in(webinar, "ru", "register"), person(), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert 'data-status="confirmed"' in html
    assert "ana@example.org" in html
    # The links carry the token of the address we were sent to (tokens are timestamped).
    token = response.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    assert response.redirect_chain[-1][0] == route_in(webinar, "ru", "registration", token)
    assert f'href="{route_in(webinar, "ru", "registration_calendar", token)}"' in html
    assert f'href="{route_in(webinar, "ru", "cancel", token)}"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_full_webinar_puts_the_next_person_on_the_waiting_list_with_their_place(client, webinar):
    RegistrationFactory.create_batch(2, webinar=webinar)
    RegistrationFactory(webinar=webinar, status=Registration.Status.WAITING)
    html = client.get(route_in(webinar, "en", "register")).content.decode()
    assert "All seats are taken" in html
    response = client.post(route_in(webinar, "en", "register"), person(), follow=True)
    html = response.content.decode()
    assert 'data-status="waiting"' in html
    assert "You are number 2 on the waiting list." in html


def test_the_same_email_cannot_register_twice(client, webinar):
    RegistrationFactory(webinar=webinar, email="ana@example.org")
    response = client.post(route_in(webinar, "en", "register"), person(email="ANA@example.org"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This e-mail address is already registered for this webinar." in html
    assert 'aria-invalid="true"' in field_tag(html, "id_email")
    assert Registration.objects.count() == 1


def test_too_many_registrations_from_one_network_are_refused_clearly(client, webinar, monkeypatch):
    monkeypatch.setattr(services, "REGISTRATIONS_PER_HOUR", 0)
    response = client.post(route_in(webinar, "en", "register"), person())
    assert response.status_code == 429
    html = response.content.decode()
    assert 'data-testid="form-error"' in html
    assert "Too many registrations from your network." in html
    assert 'value="ana@example.org"' in html  # nothing typed is lost
    assert Registration.objects.count() == 0


def test_closed_registration_answers_410_and_says_why(client, webinar, past):
    webinar.registration_open = False
    webinar.save()
    response = client.get(route_in(webinar, "en", "register"))
    assert response.status_code == 410
    assert "The organisers have closed registration" in response.content.decode()
    response = client.post(route_in(webinar, "en", "register"), person())
    assert response.status_code == 410
    response = client.get(route_in(past, "en", "register"))
    assert response.status_code == 410
    assert "This webinar has ended." in response.content.decode()
    assert Registration.objects.count() == 0


def test_registration_closes_when_the_webinar_starts(client, webinar):
    webinar.starts_at = hours_from_now(-0.25)
    webinar.save()
    response = client.post(route_in(webinar, "en", "register"), person())
    assert response.status_code == 410
    assert "This webinar has started" in response.content.decode()
    assert Registration.objects.count() == 0


# Signed links ---------------------------------------------------------------------------


def test_cancelling_asks_first_then_frees_the_seat_for_the_next_person(client, webinar):
    first = RegistrationFactory(webinar=webinar)
    RegistrationFactory(webinar=webinar)
    waiting = RegistrationFactory(webinar=webinar, status=Registration.Status.WAITING)
    token = services.registration_token(first)
    cancel_url = route_in(webinar, "en", "cancel", token)
    html = client.get(cancel_url).content.decode()
    assert "Cancel your registration?" in html
    assert 'name="csrfmiddlewaretoken"' in html
    # "Keep it" goes back to the registration.
    assert f'href="{route_in(webinar, "en", "registration", token)}"' in html
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED  # a GET changes nothing

    response = client.post(cancel_url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == route_in(webinar, "en", "registration", token)
    assert 'data-status="cancelled"' in html
    assert "Cancel my registration" not in html
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("route", ["registration", "cancel", "registration_calendar"])
def test_a_tampered_link_answers_404_and_changes_nothing(client, webinar, route):
    registration = RegistrationFactory(webinar=webinar)
    token = services.registration_token(registration)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for method in (client.get, client.post):
        response = method(route_in(webinar, "en", route, tampered))
        assert response.status_code == 404
        html = response.content.decode()
        assert "This link is not valid." in html
        assert 'data-testid="link-error"' in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_link_for_another_webinar_does_not_work_here(client, index, webinar):
    other = WebinarPageFactory(parent=index)
    token = services.registration_token(RegistrationFactory(webinar=other))
    response = client.get(route_in(webinar, "en", "registration", token))
    assert response.status_code == 404


# Pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/live/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789"),
        ("https://player.vimeo.com/video/123456789", "https://player.vimeo.com/video/123456789"),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://www.youtube.com/channel/abcdefgh", None),
        ("https://youtube.com.example.org/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)", None),
        ("https://vimeo.com/abc", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_only_known_video_addresses_become_players(address, player):
    embedded = embeds.embed_url(address)
    if player is None:
        assert embedded is None
    else:
        assert embedded.split("?")[0] == player


def test_a_player_host_missing_from_the_policy_is_never_embedded(settings):
    settings.RECORDING_EMBED_ORIGINS = ["https://www.youtube-nocookie.com"]
    assert embeds.embed_url("https://vimeo.com/123456789") is None
    assert embeds.embed_url("https://youtu.be/dQw4w9WgXcQ") is not None


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("Asia/Seoul", "UTC+9"),
        ("America/Santo_Domingo", "UTC−4"),
        ("Asia/Kolkata", "UTC+5:30"),
        ("America/St_Johns", "UTC−3:30"),
        ("UTC", "UTC"),
    ],
)
def test_offsets_are_written_as_schedules_write_them(zone, offset):
    moment = datetime(2026, 1, 15, 12, 0, tzinfo=ZoneInfo(zone))
    assert utc_offset(moment) == offset
