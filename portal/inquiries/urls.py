from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("", views.inquiry_form, name="form"),
    path("thanks/", views.inquiry_thanks, name="thanks"),
]
