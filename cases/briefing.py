from django.http import HttpResponse


def briefing_form(request):  # placeholder until briefing packs land
    return HttpResponse(status=404)


def briefing_pdf(request):  # placeholder until briefing packs land
    return HttpResponse(status=404)
