"""URLs of the contracts pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import contracts, indexation

urlpatterns: list = [
    path("arbetslistor/avtal/", contracts.worklist_contracts, name="worklist_contracts"),
    path("avtal/<int:pk>/omforhandla/", contracts.contract_renegotiate_view, name="contract_renegotiate"),
    path("avtal/indexering/", indexation.indexation, name="indexation"),
]
