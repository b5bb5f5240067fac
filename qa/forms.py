from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.text import clean_text

from .models import CODE_LENGTH, ROOM_CODE_MAX_LENGTH


class JoinByCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Room code"),
        max_length=ROOM_CODE_MAX_LENGTH,
        help_text=_("The code is shown on the webinar page and on the presenter's screen."),
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "size": CODE_LENGTH + 2,
            }
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()


class JoinRoomForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=80, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=120, required=False)
    # ISO 3166 codes, named in the page's language by django-countries.
    country = CountryField(blank=True).formfield(label=_("Country"), required=False)
    anonymous = forms.BooleanField(label=_("Join anonymously"), required=False)

    def __init__(self, *args, room, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        if not room.allow_anonymous:
            del self.fields["anonymous"]
            self.fields["display_name"].required = True

    def _cleaned_text(self, name):
        """The field as pages and exports can hold it; typed text with nothing left is an error."""
        typed = self.cleaned_data[name]
        cleaned = " ".join(clean_text(typed).split())
        if typed.strip() and not cleaned:
            raise forms.ValidationError(
                _("This has no letters we can show. Type it again."), code="unprintable"
            )
        return cleaned

    def clean_display_name(self):
        return self._cleaned_text("display_name")

    def clean_organisation(self):
        return self._cleaned_text("organisation")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            cleaned["display_name"] = cleaned["organisation"] = cleaned["country"] = ""
            for name in ("display_name", "organisation"):
                self.errors.pop(name, None)  # what an anonymous visitor typed is dropped anyway
        elif not cleaned.get("display_name") and "display_name" not in self.errors:
            self.add_error("display_name", _("Type your name, or join anonymously."))
        return cleaned
