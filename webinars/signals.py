"""Publishing a webinar with more seats gives them to the waiting list at once."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import WebinarPage


@receiver(page_published, sender=WebinarPage)
def give_new_seats_to_waiting_list(sender, instance, **kwargs):
    from .services import fill_free_seats

    fill_free_seats(instance)
