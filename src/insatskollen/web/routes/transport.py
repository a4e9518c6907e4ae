"""URLs of the transport and IFO cost-sharing pages; included by web/urls.py under the "web" namespace."""

from django.urls import path

from insatskollen.web.views import ifo, transport

urlpatterns: list = [
    path("resor/", transport.transport_overview, name="transport"),
    path("resor/bestallningar/", transport.transport_orders, name="transport_orders"),
    path("resor/avstamning/", transport.transport_ledger, name="transport_ledger"),
    path("resor/fakturor/<int:pk>/", transport.transport_invoice, name="transport_invoice"),
    path("resor/fakturor/<int:pk>/bestridande.xlsx", transport.transport_invoice_xlsx, name="transport_invoice_xlsx"),
    path("ifo/", ifo.ifo_sharing, name="ifo_sharing"),
    path("ifo/avtal/nytt/", ifo.ifo_agreement_create, name="ifo_agreement_create"),
    path("ifo/tvister/<int:pk>/", ifo.ifo_dispute, name="ifo_dispute"),
    path("ifo/vidarefakturering/", ifo.ifo_recharge, name="ifo_recharge"),
    path("ifo/vidarefakturering/<str:kind>/", ifo.ifo_recharge_download, name="ifo_recharge_download"),
]
