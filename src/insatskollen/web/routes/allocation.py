"""URLs of the allocation pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import allocation, allocation_worklists

urlpatterns: list = [
    path("resursfordelning/", allocation.allocation_page, name="allocation"),
    path("resursfordelning/xlsx/", allocation.allocation_xlsx, name="allocation_xlsx"),
    path("arbetslistor/infor-mattillfallet/", allocation_worklists.worklist_measurement, name="worklist_measurement"),
]
