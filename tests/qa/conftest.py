import pytest

from tests.qa.helpers import make_room


@pytest.fixture
def room():
    """The room most tests happen in; tests that need another code make their own."""
    return make_room(code="DEMO")


@pytest.fixture
def moderator(django_user_model, room):
    user = django_user_model.objects.create_user("moderator", password="pw-mod-2026", is_staff=True)
    room.moderators.add(user)
    return user
