from django.urls import path

from insatskollen.web.routes import actionplan as actionplan_routes
from insatskollen.web.routes import allocation as allocation_routes
from insatskollen.web.routes import benchmarking as benchmarking_routes
from insatskollen.web.routes import caseload as caseload_routes
from insatskollen.web.routes import casework as casework_routes
from insatskollen.web.routes import conferences as conferences_routes
from insatskollen.web.routes import contracts as contracts_routes
from insatskollen.web.routes import fk as fk_routes
from insatskollen.web.routes import forecast as forecast_routes
from insatskollen.web.routes import orders as orders_routes
from insatskollen.web.routes import planning as planning_routes
from insatskollen.web.routes import transport as transport_routes
from insatskollen.web.views import (
    audit,
    auth,
    clients,
    decisions,
    exports,
    home,
    hub,
    imports,
    ledger,
    periods,
    reconciliation,
    report,
    worklists,
)

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("logga-in/", auth.SwedishLoginView.as_view(), name="login"),
    path("logga-ut/", auth.SwedishLogoutView.as_view(), name="logout"),
    path("klienter/", clients.client_list, name="clients"),
    path("klienter/<int:pk>/", clients.client_detail, name="client"),
    path("klienter/<int:client_pk>/beslut/nytt/", decisions.decision_create_view, name="decision_create"),
    path("beslut/<int:pk>/andra/", decisions.decision_change_view, name="decision_change"),
    path("beslut/<int:pk>/avsluta/", decisions.decision_end_view, name="decision_end"),
    path("import/", imports.import_start, name="import"),
    path("import/<int:pk>/", imports.import_job, name="import_job"),
    path("import/<int:pk>/status/", imports.import_job_status, name="import_job_status"),
    path("import/<int:pk>/genomfor/", imports.import_commit, name="import_commit"),
    path("import/<int:pk>/blad/", imports.import_sheet, name="import_sheet"),
    path("export/", exports.export, name="export"),
    path("logg/", audit.audit_log, name="audit"),
    path("logg/klient/<int:pk>/", audit.client_access_log, name="client_access_log"),
    path("logg/klient/<int:pk>/<str:kind>/", audit.client_access_log_download, name="client_access_log_download"),
    path("ekonomi/import/", ledger.ledger_import_view, name="ledger_import"),
    path("ekonomi/budget/", ledger.budget_view, name="budget"),
    path("uppfoljning/avstamning/", reconciliation.reconciliation, name="reconciliation"),
    path("uppfoljning/", report.dashboard, name="dashboard"),
    path("uppfoljning/rapport/", report.report_page, name="report"),
    path("uppfoljning/rapport/<str:kind>/", report.report_download, name="report_download"),
    path("uppfoljning/stangda-manader/", periods.closed_months, name="closed_months"),
    path("uppfoljning/stangda-manader/stang/", periods.close_month, name="close_month"),
    path("uppfoljning/stangda-manader/oppna/", periods.reopen_month, name="reopen_month"),
    path("rattelser/", periods.correction_list, name="corrections"),
    path("arbetslistor/", hub.worklists, name="worklists"),
    path("arbetslistor/omprovningar/", worklists.worklist_reviews, name="worklist_reviews"),
]
urlpatterns += (forecast_routes.urlpatterns + actionplan_routes.urlpatterns + casework_routes.urlpatterns
                + conferences_routes.urlpatterns + orders_routes.urlpatterns + contracts_routes.urlpatterns
                + fk_routes.urlpatterns + planning_routes.urlpatterns + caseload_routes.urlpatterns
                + allocation_routes.urlpatterns + benchmarking_routes.urlpatterns
                + transport_routes.urlpatterns)
