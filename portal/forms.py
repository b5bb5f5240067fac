"""What the site's public forms share: a honeypot, languages named in themselves, and
refusing text that has nothing printable left once cleaned."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .text import single_line

# The honeypot's name: one that form-filling robots like to fill.
HONEYPOT_FIELD = "website"


def language_choices():
    """Each language named in itself, so a reader finds theirs whatever the page's language."""
    return [
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


class PublicForm(forms.Form):
    """Base of a form visitors fill in: mix in before forms.ModelForm."""

    # Hidden from sight and from the tab order; robots fill it in (see caught_robot).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def caught_robot(self):
        """True when the honeypot was filled in: the sender is taken for a robot."""
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def printable(self, name, cleaner=single_line):
        """The field cleaned by `cleaner`, or a form error when nothing printable is left."""
        cleaned = cleaner(self.cleaned_data.get(name, ""))
        if not cleaned:
            raise forms.ValidationError(
                _("This has no letters we can show. Type it again."), code="unprintable"
            )
        return cleaned
