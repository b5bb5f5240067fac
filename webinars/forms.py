from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.forms import PublicForm, language_choices
from portal.text import single_line

from .models import Registration


class RegistrationForm(PublicForm, forms.ModelForm):
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

    def clean_name(self):
        return self.printable("name")

    def clean_organisation(self):
        return self.printable("organisation")

    def clean_role(self):
        return single_line(self.cleaned_data.get("role", ""))
