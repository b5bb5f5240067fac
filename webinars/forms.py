from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.inquiries.forms import HONEYPOT_FIELD, language_choices

from .models import Registration
from .services import _single_line


class RegistrationForm(forms.ModelForm):
    # Hidden from sight and from the tab order; robots fill it in (see caught_robot).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the ministry keeps the details in this form to organise this "
            "webinar and to send me its reminder and materials."
        ),
        error_messages={"required": _("Please agree so that we can register you.")},
    )

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "country", "role", "language"]
        labels = {
            "name": _("Your name"),
            "email": _("E-mail address"),
            "organisation": _("Organisation"),
            "country": _("Country"),
            "role": _("Your role"),
            "language": _("Language for our e-mails"),
        }
        help_texts = {
            "email": _("We send the confirmation, the calendar file and the reminder here."),
            "organisation": _("The ministry, agency or institution you work for."),
            "role": _("For example “Director of HR policy”. Optional."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *countries]
        self.fields["language"].choices = language_choices()

    def caught_robot(self):
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def _printable(self, name):
        cleaned = _single_line(self.cleaned_data.get(name, ""))
        if not cleaned:
            raise forms.ValidationError(
                _("This has no letters we can show. Type it again."), code="unprintable"
            )
        return cleaned

    def clean_name(self):
        return self._printable("name")

    def clean_organisation(self):
        return self._printable("organisation")

    def clean_role(self):
        return _single_line(self.cleaned_data.get("role", ""))
