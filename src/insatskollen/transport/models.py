"""Turbundna resor: carriers, transport orders per client (terms over valid time), the daily activity's closed days,
and carrier invoices with their lines as matched against the orders (`matching.py`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.register.models import MONEY, Client, Decision, Provider


class Carrier(models.Model):
    """A transport company (transportör) that carries clients to their daily activity and invoices the unit."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    org_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    ledger_counterpart = models.CharField(
        _("motpart i huvudboken"), max_length=200, blank=True,
        help_text=_("Namnet i huvudbokens kolumn Motpart, om det skiljer sig från transportörens namn."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transportör")
        verbose_name_plural = _("transportörer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def counterpart(self) -> str:
        return self.ledger_counterpart or self.name


class TransportOrder(models.Model):
    """Trips ordered for a client, between two places, serving one daily-activity decision, from `valid_from`
    to `valid_to` (inclusive; empty: until further notice). Its terms (carrier, contract, price per trip, trips
    per week, weekdays) are `TransportOrderTerm` periods covering exactly those days."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="transport_orders",
                               verbose_name=_("klient"))
    activity_decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="transport_orders",
        verbose_name=_("beslut om daglig verksamhet"))
    from_place = models.CharField(_("från"), max_length=200)
    to_place = models.CharField(_("till"), max_length=200)
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("resebeställning")
        verbose_name_plural = _("resebeställningar")
        ordering = ["client_id", "valid_from", "id"]

    def __str__(self) -> str:
        return f"Resor {self.from_place} – {self.to_place} från {self.valid_from.isoformat()}"


class TransportOrderTerm(models.Model):
    order = models.ForeignKey(TransportOrder, on_delete=models.CASCADE, related_name="terms")
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    carrier = models.ForeignKey(Carrier, on_delete=models.PROTECT, related_name="order_terms",
                                verbose_name=_("transportör"))
    contract = models.CharField(_("avtal"), max_length=100, blank=True)
    price = models.DecimalField(_("pris per resa"), **MONEY)
    trips_per_week = models.PositiveSmallIntegerField(_("resor per vecka"))
    weekdays = models.JSONField(_("veckodagar"), default=list, help_text="0 = måndag … 6 = söndag")

    class Meta:
        verbose_name = _("villkor för resebeställning")
        verbose_name_plural = _("villkor för resebeställningar")
        ordering = ["order_id", "valid_from"]


class ClosedDay(models.Model):
    """A day the daily activity does not run: for every activity (`provider` empty) or one provider's. The year
    plan (`planning`) keeps meetings and deadlines, not closed days, so they are kept here; Swedish public
    holidays count as closed without being entered."""

    day = models.DateField(_("datum"))
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name=_("utförare"))
    reason = models.CharField(_("anledning"), max_length=200)

    class Meta:
        verbose_name = _("stängd dag")
        verbose_name_plural = _("stängda dagar")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["day", "provider"], name="transport_closed_day_unique")]


class DisputeStatus(models.TextChoices):
    NONE = "none", _("Inga avvikelser")
    OPEN = "open", _("Avvikelser att bestrida")
    SENT = "sent", _("Bestridande skickat")
    CREDITED = "credited", _("Krediterad")
    WITHDRAWN = "withdrawn", _("Bestridande återtaget")


class TransportInvoice(models.Model):
    carrier = models.ForeignKey(Carrier, on_delete=models.PROTECT, related_name="invoices",
                                verbose_name=_("transportör"))
    number = models.CharField(_("fakturanummer"), max_length=64)
    invoice_date = models.DateField(_("fakturadatum"))
    period = models.DateField(_("månad"), help_text="The first day of the month of most of its trips.")
    file_name = models.CharField(_("fil"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    amount = models.DecimalField(_("fakturerat"), **MONEY)
    accepted = models.DecimalField(_("godkänt"), **MONEY)
    disputed = models.DecimalField(_("bestritt"), **MONEY)
    trips = models.PositiveIntegerField(_("resor"), default=0)
    dispute_status = models.CharField(_("status"), max_length=12, choices=DisputeStatus.choices,
                                      default=DisputeStatus.NONE)
    dispute_note = models.TextField(_("anteckning"), blank=True)
    dispute_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("transportfaktura")
        verbose_name_plural = _("transportfakturor")
        ordering = ["-invoice_date", "carrier__name", "number"]
        constraints = [models.UniqueConstraint(fields=["carrier", "number"], name="transport_invoice_unique")]

    def __str__(self) -> str:
        return f"{self.carrier} {self.number}"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(TransportInvoice, on_delete=models.CASCADE, related_name="lines")
    row = models.PositiveIntegerField(_("rad i filen"))
    personal_number = models.CharField(_("personnummer"), max_length=12)
    client = models.ForeignKey(Client, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    trip_date = models.DateField(_("resdatum"), db_index=True)
    trips = models.PositiveIntegerField(_("antal resor"))
    amount = models.DecimalField(_("belopp"), **MONEY)
    contract = models.CharField(_("avtal"), max_length=100, blank=True)
    order = models.ForeignKey(TransportOrder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    contract_price = models.DecimalField(_("avtalspris"), null=True, blank=True, **MONEY)
    accepted = models.DecimalField(_("godkänt"), **MONEY)
    disputed = models.DecimalField(_("bestritt"), **MONEY)
    flags = models.JSONField(_("avvikelser"), default=list)  # [{"kind", "amount", "text"}]

    class Meta:
        verbose_name = _("fakturarad")
        verbose_name_plural = _("fakturarader")
        ordering = ["invoice_id", "row"]
