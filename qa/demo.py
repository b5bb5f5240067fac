"""The demo room: open, moderated, anonymous participants welcome."""

from .models import Room

DEMO_CODE = "DEMO"


def load_demo_room():
    _room, created = Room.objects.get_or_create(
        code=DEMO_CODE,
        defaults={
            "title": "International webinar on digital HR management: live Q&A",
            "is_open": True,
            "moderated": True,
            "allow_anonymous": True,
        },
    )
    return {"qa rooms": int(created)}
