"""URLs of the casework pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import casework

urlpatterns: list = [
    path("arbetslistor/omprovningar/tackning/", casework.review_coverage, name="review_coverage"),
    path("arbetslistor/omprovningar/resultat/<int:pk>/", casework.review_result, name="review_result"),
    path("arbetslistor/omprovningar/<int:decision_pk>/", casework.review_record_view, name="review_record"),
    path("beslutsforslag/", casework.proposals, name="proposals"),
    path("beslutsforslag/<int:pk>/", casework.proposal_detail, name="proposal_detail"),
]
