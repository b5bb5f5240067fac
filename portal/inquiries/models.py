"""Cooperation inquiries: what a partner asked for, and how the ministry's desk follows it up."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

ORGANISATION_MAX_LENGTH = 200
NAME_MAX_LENGTH = 120
TOPIC_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 5000

# Closed inquiries are deleted this many days after they were last changed
# (manage.py purge_inquiries); the form tells requesters so.
RETENTION_DAYS = 3 * 365

# Unambiguous letters and digits: a reference is read out on the phone and typed from paper.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_GROUPS = 2
REFERENCE_GROUP_LENGTH = 4


def new_reference():
    """A reference such as CI-7K3Q-9XD2: random, so it tells nothing about other inquiries."""
    groups = (
        "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(REFERENCE_GROUP_LENGTH))
        for _g in range(REFERENCE_GROUPS)
    )
    return "-".join(["CI", *groups])


class Inquiry(models.Model):
    class Kind(models.TextChoices):
        STUDY_VISIT = "study_visit", _("Study visit")
        CONSULTATION = "consultation", _("Consultation")
        JOINT_RESEARCH = "joint_research", _("Joint research")
        ODA_PROJECT = "oda_project", _("ODA project")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # What the requester typed.
    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_MAX_LENGTH)
    contact_name = models.CharField(_("contact name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"))
    country = CountryField(_("country"))
    kind = models.CharField(_("kind of cooperation"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX_LENGTH)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES
    )
    related_case = models.ForeignKey(
        "cases.CaseStudyPage",
        verbose_name=_("related case study"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    language = models.CharField(
        _("language of the form"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language the requester read the form in."),
    )

    # The desk's follow-up.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
        limit_choices_to={"is_active": True},
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cooperation inquiry")
        verbose_name_plural = _("cooperation inquiries")

    def __str__(self):
        return f"{self.reference} · {self.organisation}"
