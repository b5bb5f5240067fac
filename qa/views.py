import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import exports, services
from .forms import JoinByCodeForm, JoinRoomForm
from .models import Participant, Room
from .ratelimit import allow
from .services import participant_session_key

# Each join is a new identity with its own question and vote allowance.
JOINS_PER_MINUTE = 20


def client_strings():
    """Every text the browser client shows, translated on the server."""
    return {
        "connecting": _("Connecting…"),
        "live": _("Live"),
        "reconnecting": _("Reconnecting…"),
        "closed": _("This room is closed. Questions and votes are paused."),
        "awaiting": _("Awaiting moderation"),
        "answered": _("Answered"),
        "pinned": _("Pinned"),
        "highlighted": _("Highlighted"),
        "anonymous": _("Anonymous"),
        "upvote": _("Upvote"),
        "upvoted": _("Upvoted"),
        # The browser picks the form with Intl.PluralRules; each form is given by a sample count.
        "voteForms": {
            category: ngettext("%(count)s vote", "%(count)s votes", sample)
            for category, sample in (("one", 1), ("few", 2), ("many", 5), ("other", 10))
        },
        "noQuestions": _("No questions yet. Be the first to ask."),
        "noPending": _("No questions are waiting."),
        "approve": _("Approve"),
        "editApprove": _("Edit and approve"),
        "saveApprove": _("Save and approve"),
        "cancel": _("Cancel"),
        "reject": _("Reject"),
        "markAnswered": _("Mark answered"),
        "pin": _("Pin"),
        "unpin": _("Unpin"),
        "highlight": _("Highlight"),
        "archive": _("Archive"),
        "sent": _("Thank you. Your question was sent."),
        "sentModerated": _("Thank you. Your question awaits moderation."),
        "editLabel": _("Edit the question"),
    }


def qr_svg(url):
    # The SVG is generated from our own URL, never from user input.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=6, dark="#1b1f24"))  # noqa: S308


def room_url(request, room):
    return request.build_absolute_uri(reverse("qa:room", args=[room.code]))


def websocket_path(room):
    return f"/ws/qa/{room.code}/?lang={get_language()}"


@require_GET
def join(request):
    form = JoinByCodeForm(request.GET or None)
    if form.is_valid():
        room = Room.objects.filter(code=form.cleaned_data["code"]).first()
        if room is not None:
            return redirect("qa:room", code=room.code)
        form.add_error("code", _("There is no room with this code. Check it and try again."))
    return render(request, "qa/join.html", {"form": form})


def _current_participant(request, room):
    participant_id = request.session.get(participant_session_key(room.pk))
    if participant_id is None:
        return None
    return Participant.objects.filter(pk=participant_id, room=room).first()


@require_http_methods(["GET", "POST"])
def room(request, code):
    room = get_object_or_404(Room, code=code.upper())
    participant = _current_participant(request, room)
    form = None
    if participant is None:
        form = JoinRoomForm(request.POST or None, room=room)
        if request.method == "POST" and form.is_valid():
            if not allow("join", request.META.get("REMOTE_ADDR", ""), JOINS_PER_MINUTE):
                return render(request, "qa/too_many.html", {"room": room}, status=429)
            participant = services.join_room(
                room,
                display_name=form.cleaned_data["display_name"],
                organisation=form.cleaned_data["organisation"],
                country=form.cleaned_data["country"],
                user=request.user,
            )
            request.session[participant_session_key(room.pk)] = participant.pk
            return redirect("qa:room", code=room.code)
    # The session cookie is what lets any client, browser or not, take part over the socket.
    request.session.setdefault("qa.visited", True)
    return render(
        request,
        "qa/room.html",
        {
            "room": room,
            "participant": participant,
            "form": form,
            "mode": "participant",
            "ws_path": websocket_path(room),
            "strings": client_strings(),
            "can_moderate": services.can_moderate(request.user, room),
        },
    )


def _moderated_room(request, code):
    room = get_object_or_404(Room, code=code.upper())
    if not services.can_moderate(request.user, room):
        raise PermissionDenied
    return room


@login_required
@require_GET
def moderate(request, code):
    room = _moderated_room(request, code)
    return render(
        request,
        "qa/moderate.html",
        {
            "room": room,
            "mode": "moderator",
            "ws_path": websocket_path(room),
            "strings": client_strings(),
            "join_url": room_url(request, room),
        },
    )


@login_required
@require_GET
def present(request, code):
    room = _moderated_room(request, code)
    url = room_url(request, room)
    return render(
        request,
        "qa/present.html",
        {
            "room": room,
            "mode": "presenter",
            "ws_path": websocket_path(room),
            "strings": client_strings(),
            "join_url": url,
            "qr": qr_svg(url),
        },
    )


@login_required
@require_GET
def export(request, code, fmt):
    room = _moderated_room(request, code)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(room), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(room),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="questions-{room.code}-{stamp}.{fmt}"'
    return response
