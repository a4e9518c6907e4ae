"""URLs of the allocation pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import allocation

urlpatterns: list = [
    path("resursfordelning/", allocation.allocation_page, name="allocation"),
    path("resursfordelning/xlsx/", allocation.allocation_xlsx, name="allocation_xlsx"),
]
