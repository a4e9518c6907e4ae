"""URLs of the caseload, level-threshold and worklist pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import caseload

urlpatterns: list = [
    path("arbetslistor/arbetsbelastning/", caseload.caseload_page, name="caseload"),
    path("arbetslistor/nivagranser/", caseload.worklist_threshold, name="worklist_threshold"),
]
