"""A partner asks for cooperation: stored, confirmed on screen and by e-mail, spam kept out."""

import re

import pytest
from django.core import mail
from django.test import Client

from portal.inquiries.models import Inquiry
from portal.inquiries.services import INQUIRIES_PER_HOUR

FORM = "/{lang}/cooperation/"
THANKS = "/{lang}/cooperation/thanks/"

VALID = {
    "organisation": "Oficina Nacional del Servicio Civil",
    "contact_name": "María Pérez",
    "email": "maria.perez@example.org",
    "country": "UY",
    "kind": "study_visit",
    "topic": "Automatización de la nómina",
    "message": "Queremos visitar el ministerio en 2027.\nSomos cinco personas.",
    "preferred_language": "es",
}


def post(client, data, lang="en", **extra):
    return client.post(FORM.format(lang=lang), data, **extra)


@pytest.mark.django_db
def test_form_page_has_every_field_with_labels_and_the_privacy_note(client):
    response = client.get(FORM.format(lang="es"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ["organisation", "contact_name", "email", "country", "kind", "topic", "message"]:
        assert f'<label for="id_{name}">' in html
    assert 'name="preferred_language"' in html
    assert re.search(r'<option value="es" selected>\s*Español\s*</option>', html)
    assert re.search(r'<option value="UY">\s*Uruguay\s*</option>', html)
    # The honeypot: labelled, out of the tab order, never autofilled.
    trap = re.search(r'<input[^>]*name="website"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap
    assert 'for="id_website"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'class="form__privacy"' in html


def test_valid_inquiry_is_stored_confirmed_and_emailed_in_the_preferred_language(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, {**VALID, "preferred_language": "ko"}, lang="es")
    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang="es")

    inquiry = Inquiry.objects.get()
    assert inquiry.organisation == VALID["organisation"]
    assert inquiry.message == VALID["message"]
    assert inquiry.country.code == "UY"
    assert inquiry.kind == Inquiry.Kind.STUDY_VISIT
    assert inquiry.language == "es"
    assert inquiry.preferred_language == "ko"
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.assignee is None
    assert re.fullmatch(r"CI-[A-Z2-9]{4}-[A-Z2-9]{4}", inquiry.reference)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria.perez@example.org"]
    assert inquiry.reference in message.subject
    assert inquiry.reference in message.body
    # Korean, as asked, though the form was read in Spanish.
    assert "인사혁신처 글로벌 파트너십 포털" in message.body
    # Nothing the sender typed goes back out: the address is not confirmed yet.
    for typed in ("María Pérez", VALID["organisation"], VALID["topic"], VALID["message"]):
        assert typed not in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert inquiry.reference in thanks.content.decode()
    assert "maria.perez@example.org" in thanks.content.decode()


def test_nothing_is_emailed_before_the_inquiry_is_saved(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, VALID)
    assert Inquiry.objects.count() == 1
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_text_is_cleaned_at_the_door(client, db):
    post(
        client,
        {
            **VALID,
            "organisation": "  Civil\u202e Service\x07 Office\t",
            "message": "Line one\r\nLine\u0007 two\u2066",
        },
    )
    inquiry = Inquiry.objects.get()
    assert inquiry.organisation == "Civil Service Office"
    assert inquiry.message == "Line one\nLine two"


@pytest.mark.django_db
def test_invalid_input_shows_field_errors_and_keeps_what_was_typed(client):
    data = {**VALID, "email": "not-an-address", "kind": "bribe", "topic": "\x00\u202e"}
    response = post(client, data, lang="es")
    assert response.status_code == 200
    html = response.content.decode()
    assert Inquiry.objects.count() == 0
    assert 'aria-invalid="true"' in html
    assert 'id="id_email_error"' in html
    assert 'id="id_kind_error"' in html
    assert 'id="id_topic_error"' in html
    assert 'value="not-an-address"' in html
    assert 'value="Oficina Nacional del Servicio Civil"' in html
    assert "Queremos visitar el ministerio en 2027." in html
    assert '<option value="UY" selected>' in html


@pytest.mark.django_db
def test_missing_fields_are_errors_not_a_crash(client):
    response = post(client, {})
    assert response.status_code == 200
    assert response.content.decode().count('class="field__error"') == 8
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_a_nul_character_is_a_field_error(client):
    response = post(client, {**VALID, "organisation": "Civil\x00Service"})
    assert response.status_code == 200
    assert 'id="id_organisation_error"' in response.content.decode()
    assert Inquiry.objects.count() == 0


@pytest.mark.django_db
def test_typed_html_is_escaped_when_the_form_is_shown_again(client):
    response = post(client, {**VALID, "email": "x", "organisation": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, {**VALID, "website": "https://spam.example"}, lang="es")
    assert response.status_code == 302
    assert response["Location"] == THANKS.format(lang="es")
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []
    thanks = client.get(response["Location"])
    assert re.search(r"CI-[A-Z2-9]{4}-[A-Z2-9]{4}", thanks.content.decode())


@pytest.mark.django_db
def test_too_many_inquiries_from_one_address_get_429_with_the_text_kept(client):
    for _ in range(INQUIRIES_PER_HOUR):
        assert post(client, VALID).status_code == 302
    response = post(client, {**VALID, "topic": "One more visit"}, lang="es")
    assert response.status_code == 429
    html = response.content.decode()
    assert 'data-testid="too-many"' in html
    assert 'value="One more visit"' in html
    assert Inquiry.objects.count() == INQUIRIES_PER_HOUR
    # Another client is not affected.
    other = post(Client(REMOTE_ADDR="192.0.2.77"), VALID)
    assert other.status_code == 302


@pytest.mark.django_db
def test_rate_limit_uses_the_real_client_behind_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(INQUIRIES_PER_HOUR):
        post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 302


@pytest.mark.django_db
def test_csrf_token_is_required():
    client = Client(enforce_csrf_checks=True)
    response = post(client, VALID)
    assert response.status_code == 403
    assert Inquiry.objects.count() == 0

    page = client.get(FORM.format(lang="en"))
    token = page.cookies["csrftoken"].value
    response = post(client, {**VALID, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Inquiry.objects.count() == 1


def test_case_parameter_prefills_the_related_case_and_is_stored(client, case):
    response = client.get(FORM.format(lang="es") + f"?case={case.pk}")
    html = response.content.decode()
    assert 'data-testid="related-case"' in html
    assert "Nómina en e-Saram" in html
    assert f'name="case" value="{case.pk}"' in html
    post(client, {**VALID, "case": str(case.pk)})
    assert Inquiry.objects.get().related_case == case


@pytest.mark.parametrize(
    "raw", ["abc", "-1", "0", "99999", "1" * 40, "1%00", "%EF%BC%91", "1 OR 1=1"]
)
def test_bad_case_ids_are_ignored(client, case, raw):
    response = client.get(FORM.format(lang="en") + f"?case={raw}")
    assert response.status_code == 200
    assert 'data-testid="related-case"' not in response.content.decode()


def test_draft_and_private_cases_are_not_offered_or_stored(client, draft_case, private_case):
    for page in (draft_case, private_case):
        response = client.get(FORM.format(lang="en") + f"?case={page.pk}")
        assert 'data-testid="related-case"' not in response.content.decode()
        assert page.title not in response.content.decode()
    post(client, {**VALID, "case": str(private_case.pk)})
    assert Inquiry.objects.get().related_case is None


@pytest.mark.django_db
def test_thanks_page_without_an_inquiry_leads_back_to_the_form(client):
    response = client.get(THANKS.format(lang="ko"))
    assert response.status_code == 302
    assert response["Location"] == FORM.format(lang="ko")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ko", "es", "ru"])
def test_form_answers_in_every_language(client, lang):
    response = client.get(FORM.format(lang=lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
