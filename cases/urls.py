from django.urls import path

from . import briefing, views

app_name = "cases"

urlpatterns = [
    path("seen/<int:page_id>/", views.record_view, name="seen"),
    path("briefing/", briefing.briefing_form, name="briefing"),
    path("briefing/pdf/", briefing.briefing_pdf, name="briefing_pdf"),
]
