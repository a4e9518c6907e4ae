"""The audit trail: an append-only table of every write and every reading of a client."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CLIENT_VIEWED = "client.viewed", _("Klient öppnad")
    CLIENT_LISTED = "client.listed", _("Klient visad i lista eller sökning")
    DECISION_VIEWED = "decision.viewed", _("Beslut öppnat")
    CLIENT_CREATED = "client.created", _("Klient skapad")
    DECISION_CREATED = "decision.created", _("Beslut skapat")
    DECISION_CHANGED = "decision.changed", _("Beslut ändrat")
    DECISION_ENDED = "decision.ended", _("Beslut avslutat")
    REGISTER_IMPORTED = "register.imported", _("Register importerat")
    REGISTER_IMPORT_REFUSED = "register.import_refused", _("Registerimport avvisad")
    REGISTER_EXPORTED = "register.exported", _("Register exporterat")
    LEDGER_IMPORTED = "ledger.imported", _("Utfall importerat")
    LEDGER_IMPORT_REFUSED = "ledger.import_refused", _("Import av utfall avvisad")
    BUDGET_IMPORTED = "budget.imported", _("Budget importerad")
    BUDGET_IMPORT_REFUSED = "budget.import_refused", _("Budgetimport avvisad")
    BUDGET_CHANGED = "budget.changed", _("Tilläggsbudget registrerad")
    REFERENCE_CREATED = "reference.created", _("Referensdata skapad")
    DEMO_SEEDED = "demo.seeded", _("Demodata skapad")
    TOKEN_CREATED = "token.created", _("API-nyckel skapad")
    REVIEW_RECORDED = "review.recorded", _("Omprövning registrerad")
    PROPOSAL_CREATED = "proposal.created", _("Beslutsförslag lämnat")
    PROPOSAL_APPROVED = "proposal.approved", _("Beslutsförslag godkänt")
    PROPOSAL_REJECTED = "proposal.rejected", _("Beslutsförslag avslaget")
    DELEGATION_CHANGED = "delegation.changed", _("Delegationsregel ändrad")
    CASE_FLAGGED = "case.flagged", _("Ärende flaggat som principfråga")
    CONFERENCE_CHANGED = "conference.changed", _("Ärendedragning ändrad")
    ORDER_CREATED = "order.created", _("Beställning skapad")
    ORDER_CHANGED = "order.changed", _("Beställning ändrad")
    NOTIFICATION_SENT = "notification.sent", _("Påminnelse skickad")
    CONTRACT_RENEGOTIATED = "contract.renegotiated", _("Avtal omförhandlat")
    FK_CASE_CHANGED = "fk.changed", _("FK-ärende registrerat")
    YEAR_PLAN_CHANGED = "yearplan.changed", _("Årsplanering ändrad")
    FORECAST_SNAPSHOT_TAKEN = "forecast.snapshot", _("Prognos sparad")
    ACTION_PLAN_CHANGED = "actionplan.changed", _("Åtgärdsplan ändrad")
    DOCUMENT_EXPORTED = "document.exported", _("Dokument hämtat")
    MONTH_CLOSED = "month.closed", _("Månad stängd")
    MONTH_REOPENED = "month.reopened", _("Månad öppnad igen")
    PRICES_INDEXED = "prices.indexed", _("Priser indexerade")
    ALLOCATION_IMPORTED = "allocation.imported", _("Schablon eller mättillfällen importerade")
    ALLOCATION_IMPORT_REFUSED = "allocation.import_refused", _("Import av schablon eller mättillfällen avvisad")
    ALLOCATION_CHANGED = "allocation.changed", _("Resursfördelning ändrad")
    BENCHMARK_IMPORTED = "benchmark.imported", _("Stadsdelsfil importerad")
    BENCHMARK_IMPORT_REFUSED = "benchmark.import_refused", _("Stadsdelsfil avvisad")
    KOLADA_IMPORTED = "kolada.imported", _("Nyckeltal från Kolada importerade")
    SURVEY_CHANGED = "survey.changed", _("Brukarenkät ändrad")
    SURVEY_ANSWERED = "survey.answered", _("Brukarenkät besvarad")
    TRANSPORT_ORDER_CHANGED = "transport.order_changed", _("Resebeställning registrerad eller ändrad")
    TRANSPORT_INVOICE_IMPORTED = "transport.invoice_imported", _("Transportfaktura importerad")
    TRANSPORT_INVOICE_REFUSED = "transport.invoice_refused", _("Import av transportfaktura avvisad")
    TRANSPORT_DISPUTE_CHANGED = "transport.dispute_changed", _("Bestridande av transportfaktura ändrat")
    IFO_SHARING_CHANGED = "ifo.sharing_changed", _("IFO-delning registrerad eller ändrad")
    LOGIN = "auth.login", _("Inloggning")
    LOGIN_FAILED = "auth.login_failed", _("Misslyckad inloggning")
    LOCKED_OUT = "auth.locked_out", _("Spärrad efter misslyckade inloggningar")
    TOKEN_FAILED = "auth.token_failed", _("Ogiltig API-nyckel")
    ACCESS_CHANGED = "access.changed", _("Roll, team eller behörighet ändrad")
    ACCESS_LOG_READ = "audit.client_read", _("Åtkomstlogg för klient läst")


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    # Set by audit_record before the row is hashed (not auto_now_add, which would change it after hashing).
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("användare"),
    )
    actor_name = models.CharField(_("användarnamn"), max_length=150, blank=True)
    action = models.CharField(_("händelse"), max_length=40, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("objekttyp"), max_length=40, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    client_id = models.BigIntegerField(_("klient-id"), null=True, blank=True, db_index=True)
    summary = models.CharField(_("sammanfattning"), max_length=300, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # The hash chain (audit/chain.py): the previous row's hash and this row's, written by audit_record.
    prev_hash = models.CharField(_("föregående kontrollsumma"), max_length=64, blank=True, editable=False)
    row_hash = models.CharField(_("kontrollsumma"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Logghändelser kan inte ändras.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Logghändelser kan inte tas bort.")
