"""Factories for webinars and registrations, used by tests."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from .models import Registration, WebinarIndexPage, WebinarPage


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Webinars"
    title_en = "Webinars"
    slug = "webinars"
    slug_en = "webinars"
    intro = "Online seminars with partner agencies."
    intro_en = factory.SelfAttribute("intro")

    class Meta:
        model = WebinarIndexPage


class WebinarPageFactory(wagtail_factories.PageFactory):
    """An upcoming webinar in English, in a week, in Seoul time; pass `title_ru=…` etc. for other
    languages and `co_hosts=[partner]` for co-hosts."""

    title = factory.Sequence(lambda n: f"Webinar {n}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    slug_en = factory.SelfAttribute("slug")
    summary = "Officials from both sides compare notes."
    summary_en = factory.SelfAttribute("summary")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    )
    time_zone = "Asia/Seoul"
    duration = 90
    languages = factory.LazyFunction(lambda: ["en"])
    interpretation = factory.LazyFunction(list)
    location = "Online (Zoom)"
    location_en = factory.SelfAttribute("location")
    join_url = "https://zoom.example.org/j/123456789"

    class Meta:
        model = WebinarPage
        skip_postgeneration_save = True

    @factory.post_generation
    def co_hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_hosts.set(extracted)
            self.save()

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)
            self.save()


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration saved as is (no seat counting, no e-mail): use services.register to test
    the rules."""

    webinar = factory.SubFactory(WebinarPageFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation = "Civil Service Commission"
    country = "UY"
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Registration
