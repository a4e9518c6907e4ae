"""The care-cost register: clients, intervention types, providers, contracts, decisions and their history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from insatskollen.accounts.models import Team
from insatskollen.core.identity import PersonalNumber, mask_personal_number
from insatskollen.core.units import ExtentUnit
from insatskollen.core.validators import validate_org_number, validate_personal_number

UNIT_CHOICES = [(u.value, u.label) for u in ExtentUnit]
MONEY = {"max_digits": 14, "decimal_places": 2}


class Law(models.TextChoices):
    LSS = "LSS", "LSS"
    SOL = "SoL", "SoL"
    LASS = "LASS", "LASS"


class Client(models.Model):
    """A person granted interventions. The personnummer is shown in full only on the client's own page."""

    personal_number = models.CharField(
        _("personnummer"), max_length=12, unique=True, validators=[validate_personal_number]
    )
    name = models.CharField(_("namn"), max_length=200, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="clients", verbose_name=_("team")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("klient")
        verbose_name_plural = _("klienter")
        ordering = ["personal_number"]

    def __str__(self) -> str:
        return self.masked_personal_number

    @property
    def masked_personal_number(self) -> str:
        return mask_personal_number(self.personal_number)

    @property
    def formatted_personal_number(self) -> str:
        return PersonalNumber(self.personal_number).formatted

    @property
    def is_coordination_number(self) -> bool:
        return PersonalNumber(self.personal_number).is_coordination_number


class InterventionType(models.Model):
    code = models.CharField(_("insatskod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    law = models.CharField(_("lag"), max_length=4, choices=Law.choices)
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    unit = models.CharField(_("enhet"), max_length=20, choices=UNIT_CHOICES, blank=True)

    class Meta:
        verbose_name = _("insatstyp")
        verbose_name_plural = _("insatstyper")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProviderKind(models.TextChoices):
    INTERNAL = "egen regi", _("Egen regi")
    PRIVATE = "privat", _("Privat")
    LOV = "LOV", _("LOV")
    OTHER_MUNICIPALITY = "annan kommun/SDN", _("Annan kommun/SDN")


class Provider(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_org_number]
    )
    kind = models.CharField(_("utförartyp"), max_length=20, choices=ProviderKind.choices, blank=True)

    class Meta:
        verbose_name = _("utförare")
        verbose_name_plural = _("utförare")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    reference = models.CharField(_("avtalsreferens"), max_length=100, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("utförare"))
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts",
        verbose_name=_("insatstyp"),
    )
    price = models.DecimalField(_("pris"), null=True, blank=True, **MONEY)
    unit = models.CharField(_("enhet"), max_length=20, choices=UNIT_CHOICES, blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    is_individual = models.BooleanField(_("individavtal"), default=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts", verbose_name=_("klient")
    )

    class Meta:
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class Decision(models.Model):
    """A granted intervention (beslut om insats) and its price: the register's row.

    Its terms (extent, unit, price, contract, provider, level, IFO share, revenue) change over its life: the
    `DecisionTerm` rows hold them as dated periods, with the moment each became known, so the register answers
    "what did a month cost, as known on date X". The term fields on this row are the latest terms (those that hold
    "tills vidare" once every recorded change has taken effect). `version` counts the decision's changes: a write
    that names an older version is refused (no lost updates).
    """

    external_id = models.CharField(_("beslut-id"), max_length=64, unique=True, null=True, blank=True)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("klient"))
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("insatstyp")
    )
    extent = models.DecimalField(_("omfattning"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("enhet"), max_length=20, choices=UNIT_CHOICES)
    price = models.DecimalField(_("pris"), **MONEY)
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name=_("avtal")
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("utförare"))
    decision_date = models.DateField(_("beslutsdatum"))
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("handläggare")
    )
    last_review_date = models.DateField(_("omprövningsdatum"), null=True, blank=True)
    level = models.CharField(_("nivå"), max_length=20, blank=True)
    ifo_share_pct = models.DecimalField(_("IFO-andel %"), max_digits=5, decimal_places=2, default=Decimal(0))
    revenue_per_unit = models.DecimalField(_("intäkt per enhet"), null=True, blank=True, **MONEY)
    revenue_source = models.CharField(_("intäktskälla"), max_length=40, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    terms_from = models.DateField(_("villkoren gäller från"), null=True, blank=True,
                                  help_text=_("Dagen de senaste villkoren gäller från (den sista perioden)."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["client_id", "start_date", "id"]
        indexes = [models.Index(fields=["start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="decision_end_not_before_start",
            ),
            models.CheckConstraint(condition=models.Q(extent__gte=0), name="decision_extent_not_negative"),
            models.CheckConstraint(condition=models.Q(price__gte=0), name="decision_price_not_negative"),
            models.CheckConstraint(
                condition=models.Q(ifo_share_pct__gte=0) & models.Q(ifo_share_pct__lte=100),
                name="decision_ifo_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.external_id or f"#{self.pk}"

    def is_active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


# The fields a version records: everything that moves cost, revenue, responsibility or review.
VERSIONED_FIELDS = (
    "intervention_type_id", "extent", "unit", "price", "contract_id", "provider_id", "decision_date",
    "start_date", "end_date", "caseworker_id", "last_review_date", "level", "ifo_share_pct",
    "revenue_per_unit", "revenue_source", "comment",
)


class ChangeKind(models.TextChoices):
    CREATED = "created", _("Skapat")
    CHANGED = "changed", _("Ändrat")
    ENDED = "ended", _("Avslutat")


class ChangeSource(models.TextChoices):
    UI = "ui", _("Webben")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    DEMO = "demo", _("Demodata")
    COMMAND = "command", _("Kommando")


class ChangeEvent(models.TextChoices):
    """What a change was part of, for the history's wording."""

    CHANGE = "change", _("Ändring")
    REVIEW = "review", _("Omprövning")
    RENEGOTIATION = "renegotiation", _("Omförhandlat avtal")
    INDEXATION = "indexation", _("Indexering")
    MERGED = "merged", _("Sammanslaget fortsättningsbeslut")


class TermColumns(models.Model):
    """A decision's terms as typed columns, shared by a version's state and a term period, so point-in-time
    queries can feed the cost engine directly. The foreign keys are not indexed: rows are read by decision and by
    known time, never by these."""

    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="+", db_index=False)
    extent = models.DecimalField(max_digits=12, decimal_places=4)
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    price = models.DecimalField(**MONEY)
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 db_index=False)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", db_index=False)
    level = models.CharField(max_length=20, blank=True)
    ifo_share_pct = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0))
    revenue_per_unit = models.DecimalField(null=True, blank=True, **MONEY)
    revenue_source = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True


class DecisionVersion(TermColumns):
    """One version of a decision: its full state after a change, what changed, who and when, when it became known
    (`known_at`) and from which day its terms take effect (`valid_from`; empty when no term changed).

    A change that takes effect in a closed month is a retroactive correction (`is_correction`), with its reason in
    `note`; for a review, `note` is the caseworker's note."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("typ"), max_length=10, choices=ChangeKind.choices)
    source = models.CharField(_("källa"), max_length=10, choices=ChangeSource.choices)
    event = models.CharField(_("händelse"), max_length=16, choices=ChangeEvent.choices, default=ChangeEvent.CHANGE)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    is_correction = models.BooleanField(_("rättelse"), default=False)
    affects_from = models.DateField(_("påverkar från"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    known_at = models.DateTimeField(_("känt från"), db_index=True)
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ändrat av"),
    )
    changes = models.JSONField(_("ändringar"), default=dict, encoder=DjangoJSONEncoder)
    # The rest of the state after this change (its terms come from TermColumns).
    decision_date = models.DateField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    caseworker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   db_index=False)
    last_review_date = models.DateField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("beslutsversion")
        verbose_name_plural = _("beslutsversioner")
        ordering = ["decision_id", "number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="decision_version_unique")]
        indexes = [models.Index(fields=["is_correction", "known_at"], name="version_correction_idx")]

    def __str__(self) -> str:
        return f"{self.decision_id} v{self.number}"


class DecisionTerm(TermColumns):
    """A period of a decision's terms, as the register believed it from `known_from` until `known_to`.

    Valid time: the days [valid_from, valid_to] (inclusive; an empty valid_to is open) inside the decision's period.
    Known time: the moments [known_from, known_to) the register held this period to be true; the current register
    is the rows with no `known_to`. At any moment, the rows believed then cover the decision's period once, without
    overlap (see `register.timeline`). Rows are never updated except to close them (`known_to`)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="terms")
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    known_from = models.DateTimeField(_("känt från"))
    known_to = models.DateTimeField(_("ersatt"), null=True, blank=True)

    class Meta:
        verbose_name = _("beslutsvillkor")
        verbose_name_plural = _("beslutsvillkor")
        ordering = ["decision_id", "known_from", "valid_from"]
        indexes = [
            models.Index(fields=["decision", "known_to"], name="term_decision_current_idx"),
            models.Index(fields=["known_to", "valid_from"], name="term_current_valid_idx"),
            models.Index(fields=["known_from"], name="term_known_from_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                                   name="term_valid_to_not_before_from"),
            models.CheckConstraint(condition=models.Q(known_to__isnull=True) | models.Q(known_to__gte=models.F("known_from")),
                                   name="term_known_to_not_before_from"),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.valid_from}–{self.valid_to or ''}"


class ClosedMonth(models.Model):
    """A month the controller has closed after its ledger came in. A change taking effect in a closed month (or any
    month before it) is a retroactive correction; a report of a closed month reads the register as known at
    `closed_at`."""

    month = models.DateField(_("månad"), unique=True)
    closed_at = models.DateTimeField(_("stängd"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("stängd av"))

    class Meta:
        verbose_name = _("stängd månad")
        verbose_name_plural = _("stängda månader")
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class MappingProfile(models.Model):
    """A column layout other than the canonical one: canonical column → the header the file uses."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    columns = models.JSONField(_("kolumner"), default=dict, help_text=_('T.ex. {"Personnummer": "Pnr"}'))

    class Meta:
        verbose_name = _("importprofil")
        verbose_name_plural = _("importprofiler")

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """A register import started from the web UI: its file, progress and result."""

    class Status(models.TextChoices):
        VALIDATING = "validating", _("Kontrollerar")
        PREVIEW = "preview", _("Förhandsgranskning")
        REFUSED = "refused", _("Avvisad")
        IMPORTING = "importing", _("Importerar")
        IMPORTED = "imported", _("Importerad")
        FAILED = "failed", _("Misslyckades")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500)
    profile = models.ForeignKey(MappingProfile, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.VALIDATING)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    correction_reason = models.TextField(blank=True)
    sheet = models.CharField(max_length=255, blank=True)  # the workbook's sheet the user chose ("": the default)
    # The task queue (web/import_jobs.py): the queued task, when a worker took it, and how many times it was started.
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.VALIDATING, self.Status.IMPORTING)
