from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.forms import PublicForm, language_choices

from .models import MESSAGE_MAX_LENGTH, Inquiry
from .services import clean_message, public_case


class InquiryForm(PublicForm, forms.ModelForm):
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

    def related_case(self):
        """The live, public case study the inquiry is about, or None."""
        if not self.is_bound:
            return public_case(self.initial.get("case"))
        if "case" in getattr(self, "cleaned_data", {}):
            return self.cleaned_data["case"]
        return public_case(self.data.get("case"))

    def clean_organisation(self):
        return self.printable("organisation")

    def clean_contact_name(self):
        return self.printable("contact_name")

    def clean_topic(self):
        return self.printable("topic")

    def clean_message(self):
        return self.printable("message", clean_message)

    def clean_case(self):
        return public_case(self.cleaned_data.get("case"))
