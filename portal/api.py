"""Wagtail's API v2 for partners' systems (placeholder until the endpoints land)."""

from wagtail.api.v2.router import WagtailAPIRouter

api_router = WagtailAPIRouter("wagtailapi")
