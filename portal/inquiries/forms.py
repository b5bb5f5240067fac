from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import MESSAGE_MAX_LENGTH, Inquiry
from .services import clean_message, clean_single_line, public_case

# The honeypot's name: one that form-filling robots like to fill.
HONEYPOT_FIELD = "website"


def language_choices():
    """Each language named in itself, so a reader finds theirs whatever the page's language."""
    return [
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


class InquiryForm(forms.ModelForm):
    # Hidden from sight and from the tab order; robots fill it in (see caught_robot).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # The case study the inquiry is about, carried from ?case=; anything else is ignored.
    case = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)

    class Meta:
        model = Inquiry
        fields = [
            "organisation",
            "contact_name",
            "email",
            "country",
            "kind",
            "topic",
            "message",
            "preferred_language",
        ]
        labels = {
            "organisation": _("Organisation"),
            "contact_name": _("Your name"),
            "email": _("E-mail address"),
            "country": _("Country"),
            "kind": _("Kind of cooperation"),
            "topic": _("Topic"),
            "message": _("Message"),
            "preferred_language": _("Language for our reply"),
        }
        help_texts = {
            "organisation": _("The ministry, agency or institution you work for."),
            "email": _("We send the confirmation and our reply here."),
            "topic": _("In a few words, for example “payroll automation in e-Saram”."),
        }
        widgets = {
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices built per request, in the reader's language and alphabetical order.
        self.fields["country"].choices = [("", _("Choose a country")), *countries]
        self.fields["kind"].choices = [("", _("Choose one")), *Inquiry.Kind.choices]
        self.fields["preferred_language"].choices = language_choices()
        self.fields["message"].help_text = _(
            "What you would like to learn or do with us, and when. At most %(max)s characters."
        ) % {"max": MESSAGE_MAX_LENGTH}

    def caught_robot(self):
        """True when the honeypot was filled in: the sender is taken for a robot."""
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def related_case(self):
        """The live, public case study the inquiry is about, or None."""
        if not self.is_bound:
            return public_case(self.initial.get("case"))
        if "case" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["case"]
        return public_case(self.data.get("case"))

    def _printable(self, name, cleaner):
        cleaned = cleaner(self.cleaned_data.get(name, ""))
        if not cleaned:
            raise forms.ValidationError(
                _("This has no letters we can show. Type it again."), code="unprintable"
            )
        return cleaned

    def clean_organisation(self):
        return self._printable("organisation", clean_single_line)

    def clean_contact_name(self):
        return self._printable("contact_name", clean_single_line)

    def clean_topic(self):
        return self._printable("topic", clean_single_line)

    def clean_message(self):
        return self._printable("message", clean_message)

    def clean_case(self):
        return public_case(self.cleaned_data.get("case"))
