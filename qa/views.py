import functools
import logging

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.clients import client_address

from . import exports, protocol, services
from .client_strings import client_strings
from .forms import JoinByCodeForm, JoinRoomForm
from .models import Participant, Room, encode_frame
from .ratelimit import WINDOW_SECONDS, allow
from .services import participant_session_key

logger = logging.getLogger(__name__)

# Each join is a new identity with its own question and vote allowance.
JOINS_PER_MINUTE = 20


def head_without_body(view):
    """HEAD answers as GET does, without the body: Daphne, unlike WSGI servers, sends
    whatever body the view returns."""

    @functools.wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "HEAD" and not response.streaming:
            response.content = b""
        return response

    return answer


def qr_svg(url):
    # The SVG is generated from our own URL, never from user input.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=6, dark="#1b1f24", omitsize=True))  # noqa: S308


def room_url(request, room):
    """The room's language-neutral address: LocaleMiddleware sends each visitor on to their
    own language, so a QR code on the presenter's screen suits every participant."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("qa:room", args=[room.code])
    return request.build_absolute_uri(path.removeprefix(f"/{language}"))


def websocket_path(room):
    return f"/ws/qa/{room.code}/?lang={get_language()}"


@head_without_body
@never_cache  # which rooms are open changes by the minute; the page cache must not keep it
@require_safe
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


@head_without_body
@never_cache  # the live room is each participant's own, and lives on the socket
@require_http_methods(["GET", "HEAD", "POST"])
def room(request, code):
    room = get_object_or_404(Room, code=code.upper())
    participant = _current_participant(request, room)
    form = None
    if participant is None:
        form = JoinRoomForm(request.POST or None, room=room)
        if request.method == "POST" and form.is_valid():
            # Per client (behind a trusted proxy, the address it forwards), not per proxy.
            if not allow("join", client_address(request), JOINS_PER_MINUTE):
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
    # Only joining starts a session: a visitor who watches leaves no session row behind.
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
            "retention_days": settings.QA_PERSONAL_DATA_DAYS,
        },
    )


def _moderated_room(request, code, rule=services.can_moderate):
    room = get_object_or_404(Room, code=code.upper())
    if not rule(request.user, room):
        raise PermissionDenied
    return room


@head_without_body
@login_required
@require_safe
def moderate(request, code):
    # Interpreters work here too: the page shows them the translation tools only.
    room = _moderated_room(request, code, rule=services.can_translate)
    return render(
        request,
        "qa/moderate.html",
        {
            "room": room,
            "mode": "moderator",
            "ws_path": websocket_path(room),
            "strings": client_strings(),
            "join_url": room_url(request, room),
            "can_moderate": services.can_moderate(request.user, room),
        },
    )


@head_without_body
@login_required
@require_safe
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


@head_without_body
@login_required
@require_safe
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


# The HTTP status of a refused request sent by POST (docs/qa-protocol.md, "Without WebSockets");
# any other refusal of a well-formed request is 422.
REFUSAL_STATUS = {
    "too_large": 400,
    "invalid_json": 400,
    "invalid_frame": 400,
    "unknown_type": 400,
    "resume_on_connect": 400,
    "csrf_failed": 403,
    "forbidden": 403,
    "join_required": 403,
    "room_not_found": 404,
    "invalid_action": 409,
    "room_closed": 409,
    "rate_limited": 429,
    "server_error": 500,
}


# Django's own words for it, translated in Django's catalogs (a variable, so not extracted again).
CSRF_REFUSAL = "CSRF verification failed. Request aborted."


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, with the refusal handed back instead of an HTML page."""

    def _reject(self, request, reason):
        return reason


def _csrf_refusal(request):
    check = _CsrfCheck(lambda request: None)
    return check.process_view(request, None, (), {})


def _frame_response(frame):
    status = 200 if frame["type"] != "error" else REFUSAL_STATUS.get(frame["code"], 422)
    response = HttpResponse(
        encode_frame(frame), status=status, content_type="application/json; charset=utf-8"
    )
    if status == 429:
        response["Retry-After"] = str(WINDOW_SECONDS)
    return response


@csrf_exempt  # checked in the view, so that a refusal is an error frame like any other
@require_POST
async def send(request, code):
    """One request of the live protocol over HTTP, for browsers whose network blocks WebSockets.

    The reply frame is the body; door checks, limits and permissions are the socket's own code.
    """
    reason = _csrf_refusal(request)
    if reason is not None:
        logger.warning("Q&A request refused in room %s: %s", code, reason)
        return _frame_response(protocol.error_frame("csrf_failed", _(CSRF_REFUSAL)))
    caller = await protocol.caller_in(
        code.upper(), request.session, request.user, get_language(), client_address(request)
    )
    if caller is None:
        return _frame_response(
            protocol.error_frame("room_not_found", _("There is no room with this code."))
        )
    try:
        body = request.body
    except RequestDataTooBig:
        return _frame_response(protocol.error_frame("too_large", _("That message is too large.")))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _frame_response(await protocol.reply(caller, None, body))
    return _frame_response(await protocol.reply(caller, text))
