"""URLs of the planning pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import planning

urlpatterns: list = [
    path("arsplanering/", planning.year_plan_page, name="year_plan"),
    path("arsplanering/kalender.ics", planning.year_plan_ical, name="year_plan_ical"),
    path("arsplanering/ny/", planning.year_plan_event_create, name="year_plan_event_create"),
    path("arsplanering/<int:pk>/andra/", planning.year_plan_event_edit, name="year_plan_event_edit"),
    path("arsplanering/<int:pk>/ta-bort/", planning.year_plan_event_delete, name="year_plan_event_delete"),
    path("arsplanering/standarddatum/", planning.year_plan_defaults, name="year_plan_defaults"),
]
