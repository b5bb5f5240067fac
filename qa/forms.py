from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CODE_LENGTH


class JoinByCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Room code"),
        max_length=12,
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
    country = forms.CharField(label=_("Country"), max_length=80, required=False)
    anonymous = forms.BooleanField(label=_("Join anonymously"), required=False)

    def __init__(self, *args, room, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        if not room.allow_anonymous:
            del self.fields["anonymous"]
            self.fields["display_name"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            cleaned["display_name"] = cleaned["organisation"] = cleaned["country"] = ""
        elif not cleaned.get("display_name") and "display_name" not in self.errors:
            self.add_error("display_name", _("Type your name, or join anonymously."))
        return cleaned
