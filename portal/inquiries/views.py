"""The cooperation inquiry form and its thank-you page; the rules live in services."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from portal.clients import client_address

from . import services
from .forms import InquiryForm
from .models import RETENTION_DAYS, new_reference

# The reference of the inquiry just sent, kept in the sender's session for the thank-you page.
SESSION_REFERENCE = "inquiries:reference"
SESSION_EMAIL = "inquiries:email"


@never_cache
def inquiry_form(request):
    status = 200
    too_many = False
    if request.method == "POST":
        form = InquiryForm(request.POST)
        if form.caught_robot():
            # A robot gets the same answer as a person, and nothing is stored.
            return _thank(request, new_reference(), "")
        if form.is_valid():
            data = form.cleaned_data
            try:
                inquiry = services.submit_inquiry(
                    client=client_address(request),
                    language=get_language(),
                    related_case=data["case"],
                    **{name: data[name] for name in InquiryForm.Meta.fields},
                )
            except services.TooManyInquiries:
                too_many = True
                status = 429
            else:
                return _thank(request, inquiry.reference, inquiry.email)
    else:
        case = services.public_case(request.GET.get("case"))
        form = InquiryForm(
            initial={"preferred_language": get_language(), "case": case.pk if case else ""}
        )
    context = {
        "form": form,
        "case": form.related_case(),
        "too_many": too_many,
        "per_hour": services.INQUIRIES_PER_HOUR,
        "retention_years": RETENTION_DAYS // 365,
    }
    return render(request, "inquiries/form.html", context, status=status)


def _thank(request, reference, email):
    request.session[SESSION_REFERENCE] = reference
    request.session[SESSION_EMAIL] = email
    return redirect("inquiries:thanks")


@never_cache
def inquiry_thanks(request):
    reference = request.session.get(SESSION_REFERENCE)
    if not reference:
        return redirect("inquiries:form")
    context = {"reference": reference, "email": request.session.get(SESSION_EMAIL, "")}
    return render(request, "inquiries/thanks.html", context)
