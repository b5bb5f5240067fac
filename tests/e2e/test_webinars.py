"""Partners find a webinar, see it in their own time, register (or join the waiting list) and
take it to their calendar, in a real Chromium through a real Daphne serving the demo."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_csp import RECORD_VIOLATIONS
from webinars.templatetags.webinar_pages import utc_offset

PROACTIVE = "/en/webinars/proactive-public-service-2026/"  # Asia/Manila, capacity 100
RECRUITMENT = "/en/webinars/open-recruitment-and-specialist-careers/"  # America/Montevideo
RECORDED = "/en/webinars/korea-digital-hrm-idb-2020/"  # past, with a recording
LIVE = "/en/webinars/civil-service-reforms-open-qa/"  # running now, with the DEMO room
PHONE = {"width": 390, "height": 844}


def in_language(page, server, english_path, code):
    """The address of a demo page in another language, as the page itself announces it."""
    page.goto(f"{server.url}{english_path}")
    return page.locator(f'link[rel=alternate][hreflang="{code}"]').get_attribute("href")


def event_start(page):
    """The start the page shows, as an aware UTC datetime (from its <time datetime>)."""
    stamp = page.locator("time[data-webinar-start]").first.get_attribute("datetime")
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def fill_registration(page, name, email):
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_organisation").fill("Агентство по делам государственной службы")
    page.locator("#id_country").select_option("KZ")
    page.locator("#id_role").fill("Head of HR policy")
    page.locator("#id_consent").check()
    page.locator("form.webinar-form button[type=submit]").click()


def test_a_russian_speaker_registers_and_takes_the_webinar_to_their_calendar(portal_server, page):
    russian = in_language(page, portal_server, PROACTIVE, "ru")
    assert "/ru/webinars/" in russian
    page.goto(russian)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    title = page.get_by_role("heading", level=1).inner_text()
    start = event_start(page)
    page.get_by_test_id("registration-cta").locator("a.button").first.click()

    expect(page).to_have_url(re.compile(r"/ru/webinars/.+/register/$"))
    expect(page.locator("#id_language")).to_have_value("ru")
    fill_registration(page, "Айгерим Сапарова", "aigerim.saparova@example.org")

    expect(page).to_have_url(re.compile(r"/ru/webinars/.+/registration/[^/]+/$"))
    expect(page.get_by_test_id("registration")).to_have_attribute("data-status", "confirmed")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_text("aigerim.saparova@example.org").first).to_be_visible()

    with page.expect_download() as download:
        page.get_by_test_id("registration-calendar").click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Manila"
    dtstart = event.decoded("DTSTART")
    assert dtstart.utcoffset() == timedelta(hours=8)  # Manila keeps UTC+8 all year
    assert (dtstart.hour, dtstart.minute) == (10, 0)  # the demo's local start in Manila
    assert dtstart == start  # the same instant the page shows
    assert str(event["SUMMARY"]) == title  # in the registrant's language
    assert calendar.walk("VTIMEZONE")


def test_a_full_webinar_puts_the_next_person_on_the_waiting_list(portal_server, page):
    # Fill the webinar: its capacity becomes the seats already taken (one at least).
    script = """
from webinars import services
from webinars.models import Registration, WebinarPage
webinar = WebinarPage.objects.get(slug_en="open-recruitment-and-specialist-careers")
if webinar.seats_taken() == 0:
    services.register(webinar, name="First", email="first@example.org", organisation="ONSC",
                      country="UY", role="", language="es")
WebinarPage.objects.filter(pk=webinar.pk).update(capacity=webinar.seats_taken())
waiting = Registration.objects.filter(webinar=webinar, status="waiting").count()
print(f"WAITING={waiting}")
"""
    output = portal_server.manage("shell", "-c", script)
    ahead = int(re.search(r"WAITING=(\d+)", output).group(1))

    page.goto(f"{portal_server.url}{RECRUITMENT}")
    cta = page.get_by_test_id("registration-cta")
    expect(cta.get_by_role("link", name="Join the waiting list")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Full: waiting list open")
    cta.get_by_role("link", name="Join the waiting list").click()
    expect(page.get_by_test_id("seats-left")).to_contain_text("All seats are taken")
    fill_registration(page, "Lucía Fernández", "lucia.fernandez@example.org")

    expect(page.get_by_test_id("registration")).to_have_attribute("data-status", "waiting")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are on the waiting list")
    expect(page.get_by_test_id("waiting-position")).to_have_text(
        f"You are number {ahead + 1} on the waiting list."
    )


def test_the_readers_own_time_is_shown_when_their_zone_differs(portal_server, browser):
    santiago = browser.new_context(locale="es-CL", timezone_id="America/Santiago")
    manila = browser.new_context(locale="en-PH", timezone_id="Asia/Manila")
    try:
        page = santiago.new_page()
        page.goto(in_language(page, portal_server, PROACTIVE, "es"))
        start = event_start(page).astimezone(ZoneInfo("America/Santiago"))
        yours = page.get_by_test_id("your-time")
        expect(yours).to_have_count(1)
        expect(yours).to_contain_text(f"{start:%H:%M}")
        expect(yours).to_contain_text(f"(Santiago, {utc_offset(start)})")

        page.goto(f"{portal_server.url}/es/webinars/")
        cards = page.get_by_test_id("upcoming").get_by_test_id("webinar-card")
        assert cards.count() >= 2
        for index in range(cards.count()):
            card = cards.nth(index)
            start = event_start(card)
            event_zone = card.locator("time[data-webinar-start]").get_attribute("data-zone")
            here = start.astimezone(ZoneInfo("America/Santiago"))
            # Montevideo reads the same as Santiago while Chile keeps summer time: no second line.
            if here.replace(tzinfo=None) == start.astimezone(ZoneInfo(event_zone)).replace(
                tzinfo=None
            ):
                expect(card.get_by_test_id("your-time")).to_have_count(0)
            else:
                expect(card.get_by_test_id("your-time")).to_contain_text(f"{here:%H:%M}")

        # A reader in the event's own zone gets no second line for it; others keep theirs.
        page = manila.new_page()
        page.goto(f"{portal_server.url}{PROACTIVE}")
        expect(page.locator(".webinar-when")).to_contain_text("(Manila, UTC+8)")
        expect(page.get_by_test_id("your-time")).to_have_count(0)
        page.goto(f"{portal_server.url}/en/webinars/")
        recruitment = page.get_by_test_id("webinar-card").filter(
            has=page.locator(f'a[href="{RECRUITMENT}"]')
        )
        expect(recruitment.get_by_test_id("your-time")).to_contain_text("Manila")
        proactive = page.get_by_test_id("webinar-card").filter(
            has=page.locator(f'a[href="{PROACTIVE}"]')
        )
        expect(proactive.get_by_test_id("your-time")).to_have_count(0)
    finally:
        santiago.close()
        manila.close()


def test_the_recording_loads_from_its_host_only_after_the_click(portal_server, page):
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url) if not request.url.startswith(portal_server.url) else None
        ),
    )
    page.goto(f"{portal_server.url}{RECORDED}")
    play = page.get_by_role("button", name="Play the recording")
    expect(play).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    assert elsewhere == []
    play.click()
    player = page.locator(".recording__player iframe")
    expect(player).to_have_attribute("src", re.compile(r"^https://www\.youtube-nocookie\.com/"))
    expect(player).to_have_attribute("title", re.compile(r"\S"))


def test_a_participant_joins_the_live_room_from_the_webinar_page(portal_server, page):
    page.goto(in_language(page, portal_server, LIVE, "es"))
    panel = page.get_by_test_id("live-panel")
    expect(panel.get_by_test_id("room-code")).to_have_text("DEMO")
    expect(panel.locator("[role=img] svg")).to_be_visible()  # the QR code
    title = page.get_by_role("heading", level=1).inner_text()
    panel.locator("a.webinar-live__join").click()
    expect(page).to_have_url(re.compile(r"/es/live/DEMO/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)  # the webinar's title


def test_webinar_pages_run_under_the_content_security_policy(portal_server, page):
    page.add_init_script(RECORD_VIOLATIONS)
    for path in ("/ko/webinars/", LIVE, PROACTIVE, f"{PROACTIVE}register/", RECORDED):
        page.goto(f"{portal_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__cspViolations") == [], path
    page.get_by_role("button", name="Play the recording").click()
    expect(page.locator(".recording__player iframe")).to_be_attached()
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("code", ["en", "ko"])
def test_webinar_pages_have_no_serious_accessibility_violations(portal_server, page, code):
    page.goto(f"{portal_server.url}/{code}/webinars/")
    assert serious_violations(page) == [], page.url
    for english in (PROACTIVE, RECORDED):
        page.goto(in_language(page, portal_server, english, code))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert serious_violations(page) == [], page.url
    page.goto(in_language(page, portal_server, PROACTIVE, code))
    page.get_by_test_id("registration-cta").locator("a.button").first.click()
    expect(page.locator("form.webinar-form")).to_be_visible()
    assert serious_violations(page) == [], page.url
    page.locator("form.webinar-form button[type=submit]").click()  # everything missing
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    assert serious_violations(page) == [], page.url


def test_the_confirmation_page_has_no_serious_accessibility_violations(portal_server, page):
    page.goto(f"{portal_server.url}{PROACTIVE}register/")
    fill_registration(page, "Bat-Erdene Dorj", "bat-erdene.dorj@example.org")
    expect(page.get_by_test_id("registration")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("code", ["ru", "ko"])
def test_webinar_pages_fit_a_phone(portal_server, browser, code):
    context = browser.new_context(viewport=PHONE, locale=code, timezone_id="America/Santiago")
    try:
        page = context.new_page()
        addresses = [f"{portal_server.url}/{code}/webinars/"]
        for english in (PROACTIVE, RECORDED):
            addresses.append(in_language(page, portal_server, english, code))
        addresses.append(addresses[1] + "register/")
        for address in addresses:
            assert page.goto(address).status == 200
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{address} is {width}px wide on a phone"
    finally:
        context.close()
