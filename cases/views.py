from django.http import HttpResponse


def record_view(request, page_id):  # placeholder until the view beacon lands
    return HttpResponse(status=404)
