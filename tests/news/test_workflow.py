"""Staff write a release, the press office sends it back, approves it for a date, it goes live.

Driven through Wagtail's admin views, as editors and reviewers use them.
"""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.news.factories import DocumentFactory
from portal.news.models import NewsPage
from portal.news.workflow import EDITORS, PRESS_OFFICE, PRESS_REVIEW_TASK, PRESS_REVIEW_WORKFLOW

LANGUAGES = ["en", "ko", "es", "ru"]


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="x" * 12)
    user.groups.add(Group.objects.get(name=group))
    return user


def release_form(body, document, go_live_at=""):
    texts = {
        "en": ("Partners meet online", "partners-meet-online", "Press office", "Summary."),
        "ko": ("협력 기관 온라인 회의", "협력-기관-온라인-회의", "대변인실", "요약입니다."),
        "es": ("", "", "", ""),
        "ru": ("", "", "", ""),
    }
    data = {
        "date": "2022-06-01",
        "category": "",
        "go_live_at": go_live_at,
        "expire_at": "",
        "attachments": inline_formset([{"document": document.pk, "language": "en"}]),
        "related_pages": inline_formset([]),
        "comments": inline_formset([]),
    }
    for code in LANGUAGES:
        title, slug, writer, intro = texts[code]
        data.update(
            {
                f"title_{code}": title,
                f"slug_{code}": slug,
                f"writer_{code}": writer,
                f"intro_{code}": intro,
                f"seo_title_{code}": "",
                f"search_description_{code}": "",
                f"body_{code}": streamfield(
                    [("paragraph", rich_text(f"<p>{body}</p>"))] if code == "en" else []
                ),
            }
        )
    return nested_form_data(data)


def test_a_fresh_install_has_the_groups_and_the_press_review_workflow(db):
    editors = Group.objects.get(name=EDITORS)
    press = Group.objects.get(name=PRESS_OFFICE)
    root = Page.get_first_root_node()

    def page_permissions(group):
        return set(
            GroupPagePermission.objects.filter(group=group, page=root).values_list(
                "permission__codename", flat=True
            )
        )

    assert page_permissions(editors) == {"add_page", "change_page"}
    assert page_permissions(press) == {"add_page", "change_page", "publish_page"}
    assert editors.permissions.filter(codename="access_admin").exists()
    assert press.collection_permissions.filter(permission__codename="add_document").exists()


def test_newsroom_releases_go_through_press_office_review(newsroom):
    workflow = newsroom.get_workflow()
    assert workflow.name == PRESS_REVIEW_WORKFLOW
    assert [task.name for task in workflow.tasks] == [PRESS_REVIEW_TASK]


def test_submit_send_back_approve_and_scheduled_publish(client, django_user_model, newsroom):
    editor = staff(django_user_model, "editor", EDITORS)
    reviewer = staff(django_user_model, "reviewer", PRESS_OFFICE)
    document = DocumentFactory(title="Meeting notes")

    # The editor writes a release in English and Korean and submits it for review.
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk))
    response = client.post(
        add_url, {**release_form("First draft.", document), "action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    release = NewsPage.objects.get(slug_en="partners-meet-online")
    assert not release.live
    assert release.title_ko == "협력 기관 온라인 회의"
    assert [a.document for a in release.attachments.all()] == [document]
    state = release.current_workflow_state
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == PRESS_REVIEW_TASK
    task_state = state.current_task_state

    # An editor cannot approve their own release.
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(release.pk, "approve", task_state.pk)
    )
    client.post(approve_url, {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    # The press office sends it back with a comment.
    client.force_login(reviewer)
    reject_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(release.pk, "reject", task_state.pk)
    )
    client.post(reject_url, {"comment": "Please name the partner agencies."})
    release.refresh_from_db()
    assert release.current_workflow_state.status == "needs_changes"
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.get_comment() == "Please name the partner agencies."

    # The editor sees the comment, rewrites, asks for publication tomorrow and resubmits.
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(release.pk,))
    assert "Please name the partner agencies." in client.get(edit_url).content.decode()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    form = release_form(
        "Second draft, naming the IDB.", document, tomorrow.strftime("%Y-%m-%d %H:%M")
    )
    response = client.post(edit_url, {**form, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    release.refresh_from_db()
    state = release.current_workflow_state
    assert state.status == "in_progress"

    # The press office approves: the release waits for its date.
    client.force_login(reviewer)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(release.pk, "approve", state.current_task_state.pk),
    )
    client.post(approve_url, {"comment": "Good to go."})
    release.refresh_from_db()
    assert release.current_workflow_state is None
    assert not release.live
    scheduled = Revision.page_revisions.filter(object_id=str(release.pk)).exclude(
        approved_go_live_at=None
    )
    assert scheduled.count() == 1
    with translation.override("en"):
        assert client.get(release.get_url()).status_code == 404

    # When the clock reaches the date, Wagtail's publish_scheduled command (cron) puts it live.
    call_command("publish_scheduled")
    release.refresh_from_db()
    assert not release.live
    later = timezone.now() + datetime.timedelta(days=1, minutes=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    release.refresh_from_db()
    assert release.live
    client.logout()
    with translation.override("en"):
        html = client.get(release.get_url()).content.decode()
    assert "Second draft, naming the IDB." in html

    # Staff compare the first and the last revision.
    client.force_login(reviewer)
    revisions = list(release.revisions.order_by("created_at", "pk"))
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(release.pk, revisions[0].pk, revisions[-1].pk),
    )
    response = client.get(compare_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "First draft." in html
    assert "Second draft, naming the IDB." in html


@pytest.mark.parametrize("group", [EDITORS])
def test_editors_cannot_publish_directly(client, django_user_model, newsroom, group):
    client.force_login(staff(django_user_model, "writer", group))
    document = DocumentFactory()
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk))
    client.post(add_url, {**release_form("Text.", document), "action-publish": "1"})
    release = NewsPage.objects.get(slug_en="partners-meet-online")
    assert not release.live


def test_admin_forms_for_releases_and_categories_open(admin_client, newsroom):
    add_url = reverse("wagtailadmin_pages:add", args=("news", "newspage", newsroom.pk))
    html = admin_client.get(add_url).content.decode()
    for field in ["title_ko", "writer_es", "intro_ru", "attachments-TOTAL_FORMS", "go_live_at"]:
        assert f'name="{field}"' in html, field
    assert admin_client.get("/admin/snippets/news/newscategory/").status_code == 200
    assert admin_client.get("/admin/snippets/news/newscategory/add/").status_code == 200
