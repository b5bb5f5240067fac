"""Middleware used outside production."""

from django.conf import settings
from django.views.static import serve


class DevMediaMiddleware:
    """Serves MEDIA_ROOT under MEDIA_URL for `make run` and the test servers.

    Django's `static()` URL helper does so only with DEBUG on, and the served
    process runs with DEBUG off; in production the proxy serves media itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.MEDIA_URL

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info.startswith(self.prefix):
            path = request.path_info.removeprefix(self.prefix)
            return serve(request, path, document_root=settings.MEDIA_ROOT)
        return self.get_response(request)
