"""A newsroom created by staff or by the demo loader goes through press office review."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import NewsIndexPage
from .workflow import assign_press_review


@receiver(post_save, sender=NewsIndexPage)
def newsroom_uses_press_review(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_press_review(instance)
