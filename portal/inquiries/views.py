from django.http import HttpResponse


def inquiry_form(request):  # placeholder until the inquiry form lands
    return HttpResponse(status=404)
