"""A recording's address as a player that loads only when the reader asks for it.

Editors paste the address they see in their browser (a YouTube or Vimeo page); the page
shows a placeholder, and webinars.js puts in the player from `embed_url` on a click. Only
hosts in settings.RECORDING_EMBED_ORIGINS (the CSP's frame-src) are ever embedded; any other
address stays a plain link.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_SHORT_HOSTS = {"youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
# The players' privacy-friendly hosts: no tracking cookie before the reader plays the video.
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0"
VIMEO_PLAYER = "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"


def _youtube_id(parts):
    host = parts.hostname or ""
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in YOUTUBE_SHORT_HOSTS:
        return segments[0] if segments else None
    if host not in YOUTUBE_HOSTS:
        return None
    if segments == ["watch"]:
        return (parse_qs(parts.query).get("v") or [None])[0]
    if len(segments) == 2 and segments[0] in ("embed", "live", "shorts", "v"):
        return segments[1]
    return None


def _vimeo_id(parts):
    if (parts.hostname or "") not in VIMEO_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments[:1] == ["video"]:
        segments = segments[1:]
    return segments[0] if segments else None


def embed_url(recording_url):
    """The player address for a recording, or None when it cannot be embedded here."""
    try:
        parts = urlsplit((recording_url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    candidates = []
    video = _youtube_id(parts)
    if video and YOUTUBE_ID.match(video):
        candidates.append(YOUTUBE_PLAYER.format(id=video))
    video = _vimeo_id(parts)
    if video and VIMEO_ID.match(video):
        candidates.append(VIMEO_PLAYER.format(id=video))
    allowed = set(getattr(settings, "RECORDING_EMBED_ORIGINS", []))
    for url in candidates:
        player = urlsplit(url)
        if f"{player.scheme}://{player.netloc}" in allowed:
            return url
    return None


SERVICES = {"www.youtube-nocookie.com": "YouTube", "player.vimeo.com": "Vimeo"}


def recording_service(recording_url):
    """Who serves the recording, as the reader is told before anything loads from there:
    "YouTube", "Vimeo", or the host of any other address."""
    player = embed_url(recording_url)
    if player:
        host = urlsplit(player).hostname
        return SERVICES.get(host, host)
    try:
        host = urlsplit(recording_url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
