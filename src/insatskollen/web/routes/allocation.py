"""URLs of the allocation pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import allocation, allocation_forms, allocation_worklists

urlpatterns: list = [
    path("resursfordelning/", allocation.allocation_page, name="allocation"),
    path("resursfordelning/xlsx/", allocation.allocation_xlsx, name="allocation_xlsx"),
    path("resursfordelning/sarskild-redovisning/ny/", allocation_forms.allocation_claim_create,
         name="allocation_claim_create"),
    path("resursfordelning/sarskild-redovisning/<int:pk>/beslut/", allocation_forms.allocation_claim_decide,
         name="allocation_claim_decide"),
    path("resursfordelning/niva/ny/", allocation_forms.allocation_level_request_create,
         name="allocation_level_request_create"),
    path("resursfordelning/niva/<int:pk>/beslut/", allocation_forms.allocation_level_request_decide,
         name="allocation_level_request_decide"),
    path("arbetslistor/infor-mattillfallet/", allocation_worklists.worklist_measurement, name="worklist_measurement"),
]
