"""The database session store, refusing session keys Django could never have issued.

A cookie holding a NUL reached the session query and PostgreSQL refused it with a 500;
a key that is not one of ours is now no session at all, on every database.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

# Django's keys: 32 characters of lowercase letters and digits.
_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and 8 <= len(key) <= 40 and set(key) <= _KEY_CHARACTERS
