"""URLs of the fk pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import fk

urlpatterns: list = [
    path("arbetslistor/forsakringskassan/", fk.worklist_fk, name="worklist_fk"),
    path("arbetslistor/forsakringskassan/nytt/", fk.fk_case_create, name="fk_case_create"),
    path("arbetslistor/forsakringskassan/<int:pk>/", fk.fk_case, name="fk_case"),
    path("arbetslistor/sol-till-lss/", fk.worklist_sol_lss, name="worklist_sol_lss"),
]
