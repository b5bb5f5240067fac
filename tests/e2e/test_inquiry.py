"""A Spanish-speaking partner asks for cooperation in a real Chromium, through a real Daphne."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browse import serious_violations


def test_spanish_partner_corrects_a_mistake_and_sends_an_inquiry(portal_server, page):
    response = page.goto(f"{portal_server.url}/es/cooperation/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#id_preferred_language")).to_have_value("es")

    page.locator("#id_organisation").fill("Oficina Nacional del Servicio Civil")
    page.locator("#id_contact_name").fill("María Pérez")
    page.locator("#id_email").fill("maria.perez@example")  # no dot in the domain: invalid
    page.locator("#id_country").select_option("UY")
    page.locator("#id_kind").select_option("study_visit")
    page.locator("#id_topic").fill("Automatización de la nómina")
    page.locator("#id_message").fill("Queremos visitar el ministerio.\nSomos cinco personas.")
    page.locator("form.inquiry__form button[type=submit]").click()

    error = page.locator("#id_email_error")
    expect(error).to_be_visible()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email")).to_have_value("maria.perez@example")
    expect(page.locator("#id_organisation")).to_have_value("Oficina Nacional del Servicio Civil")
    expect(page.locator("#id_message")).to_have_value(
        "Queremos visitar el ministerio.\nSomos cinco personas."
    )
    expect(page.locator("#id_country")).to_have_value("UY")
    expect(page.locator("#id_kind")).to_have_value("study_visit")
    # The honeypot stays out of sight and out of the tab order.
    expect(page.locator("#id_website")).to_have_attribute("tabindex", "-1")
    expect(page.locator("#id_website")).not_to_be_in_viewport()

    page.locator("#id_email").fill("maria.perez@example.org")
    page.locator("form.inquiry__form button[type=submit]").click()

    expect(page).to_have_url(f"{portal_server.url}/es/cooperation/thanks/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_test_id("reference")).to_have_text(
        re.compile(r"^CI-[A-Z2-9]{4}-[A-Z2-9]{4}$")
    )
    expect(page.get_by_text("maria.perez@example.org")).to_be_visible()


def test_inquiry_form_has_no_serious_accessibility_violations(portal_server, page):
    response = page.goto(f"{portal_server.url}/es/cooperation/")
    assert response.status == 200
    assert serious_violations(page) == []
    # With errors shown too.
    page.locator("form.inquiry__form button[type=submit]").click()
    expect(page.locator(".field__error").first).to_be_visible()
    assert serious_violations(page) == []


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    "path",
    [
        "/ru/cooperation/",  # the longest Russian country name sits in the country list
        "/es/cooperation/",
        "/ru/cases/",
        "/es/search/?q=" + "a" * 200,  # one unbroken word, echoed back
    ],
)
def test_pages_fit_a_phone_without_sideways_scrolling(portal_server, browser, path):
    context = browser.new_context(viewport=PHONE, locale="es-UY")
    try:
        page = context.new_page()
        assert page.goto(f"{portal_server.url}{path}").status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px phone"
    finally:
        context.close()
