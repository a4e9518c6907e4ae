"""URLs of the conferences pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import conferences as views

urlpatterns: list = [
    path("arendedragning/", views.conferences, name="conferences"),
    path("arendedragning/forbered/", views.conference_prepare_view, name="conference_prepare"),
    path("arendedragning/<int:pk>/", views.conference_detail, name="conference"),
    path("arendedragning/<int:pk>/pdf/", views.conference_pdf, name="conference_pdf"),
    path("arendedragning/<int:pk>/avsluta/", views.conference_close_view, name="conference_close"),
    path("arendedragning/<int:pk>/punkt/<int:item_pk>/protokoll/", views.agenda_item_minutes,
         name="agenda_item_minutes"),
    path("klienter/<int:client_pk>/principfraga/", views.policy_question_raise_view, name="policy_question_raise"),
]
