from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic.base import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views
from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Partners' systems read published pages as JSON, one language per request (?lang=).
    path("api/v2/", api_router.urls),
    # Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}portal/favicon.svg", permanent=True),
    ),
]

handler500 = "portal.views.server_error"

urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("live/", include("qa.urls")),
    path("news/", include("portal.news.urls")),
    path("library/", include("cases.urls")),
    path("cooperation/", include("portal.inquiries.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
