"""A moderator's rights follow the account and session as they are now, not as they were
when the socket opened.

Before each moderator action the caller is identified again (`refresh_rights`). When an
account logs out, is deactivated or changed, or leaves a room's moderators, every server
process is told over the channel layer (one group for all hubs) to check its moderator
streams at once; each hub also checks them on its regular database check, in case that
doorbell is lost. A stream that lost its rights stops receiving moderator events and starts
over as a participant (close code 4000).
"""

import asyncio
import logging
from importlib import import_module

from asgiref.sync import async_to_sync
from channels.auth import get_user
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import services
from .fanout import RIGHTS_GROUP, RIGHTS_MESSAGE
from .models import Room

logger = logging.getLogger(__name__)


def refresh_rights(caller):
    """Identify the caller again from their session as stored now; True if still a moderator.

    Updates the caller in place, so the stream holding it stops seeing moderator events at
    once. Runs on a database thread.
    """
    engine = import_module(settings.SESSION_ENGINE)
    session = engine.SessionStore(caller.session_key)
    # Channels' own lookup: the session's user, its backend, and the password hash check.
    user = get_user.func({"session": session})
    caller.user = user
    caller.is_moderator = services.can_moderate(user, caller.room)
    return caller.is_moderator


def announce_rights_change(user_id=None, room_id=None):
    """After commit, tell every process's hub to check the moderator streams concerned."""

    def send():
        message = {"type": RIGHTS_MESSAGE, "user": user_id, "room": room_id}
        try:
            layer = get_channel_layer()
            if layer is None:
                return
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is None:
                async_to_sync(layer.group_send)(RIGHTS_GROUP, message)
            else:
                loop.create_task(layer.group_send(RIGHTS_GROUP, message))
        except Exception:
            # The hubs' regular check catches up within QA_HUB_CHECK_SECONDS.
            logger.warning("Could not announce a change of moderator rights", exc_info=True)

    transaction.on_commit(send, robust=True)


def _logged_out(sender, request=None, user=None, **kwargs):
    if user is not None:
        announce_rights_change(user_id=user.pk)


def _user_saved(sender, instance, update_fields=None, **kwargs):
    # Every login saves last_login alone: that changes nobody's rights.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    announce_rights_change(user_id=instance.pk)


def _user_deleted(sender, instance, **kwargs):
    announce_rights_change(user_id=instance.pk)


def _moderators_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_remove", "post_clear"):
        return
    if isinstance(instance, Room):
        announce_rights_change(room_id=instance.pk)
    else:
        announce_rights_change(user_id=instance.pk)


def _permissions_changed(sender, instance, action, **kwargs):
    if action in ("post_remove", "post_clear") and isinstance(instance, get_user_model()):
        announce_rights_change(user_id=instance.pk)


def connect_signals():
    User = get_user_model()
    user_logged_out.connect(_logged_out, dispatch_uid="qa.rights.logged_out")
    post_save.connect(_user_saved, sender=User, dispatch_uid="qa.rights.user_saved")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid="qa.rights.user_deleted")
    m2m_changed.connect(
        _moderators_changed,
        sender=Room.moderators.through,
        dispatch_uid="qa.rights.moderators",
    )
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _permissions_changed, sender=through, dispatch_uid=f"qa.rights.{through.__name__}"
        )


connect_signals()
