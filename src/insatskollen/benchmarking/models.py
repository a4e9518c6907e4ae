"""Other districts' exchange files (docs/benchmark-exchange.md) and Kolada's key figures, as imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}


class DistrictImport(models.Model):
    """One imported exchange file of a district; a newer file of the same district replaces its months."""

    district = models.CharField(_("stadsdel"), max_length=200, db_index=True)
    file_name = models.CharField(_("fil"), max_length=255)
    format_version = models.CharField(_("formatversion"), max_length=10)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("import av stadsdelsfil")
        verbose_name_plural = _("importer av stadsdelsfiler")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.district} ({self.file_name})"


class DistrictFigure(models.Model):
    """One district's figures for one code and month, as its file gave them. Null: suppressed or withheld."""

    source = models.ForeignKey(DistrictImport, on_delete=models.CASCADE, related_name="figures")
    district = models.CharField(_("stadsdel"), max_length=200)
    month = models.DateField(_("månad"))  # the 1st
    code = models.CharField(_("insatskod"), max_length=20)
    name = models.CharField(_("insats"), max_length=200, blank=True)
    persons = models.PositiveIntegerField(_("personer"), null=True, blank=True)
    days = models.PositiveIntegerField(_("insatsdygn"), null=True, blank=True)
    cost = models.DecimalField(_("kostnad"), **MONEY)
    schablon = models.DecimalField(_("schablon"), **MONEY)
    allocation = models.DecimalField(_("tilldelning"), **MONEY)
    private_share_pct = models.DecimalField(_("andel privata utförare %"), max_digits=6, decimal_places=1,
                                            null=True, blank=True)
    budget = models.DecimalField(_("budget"), **MONEY)
    transfers = models.DecimalField(_("överföringar"), **MONEY)
    transfer_reasons = models.CharField(_("överföringar, anledning"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("stadsdelens nyckeltal")
        verbose_name_plural = _("stadsdelarnas nyckeltal")
        ordering = ["district", "month", "code"]
        constraints = [models.UniqueConstraint(fields=["district", "month", "code"], name="district_month_code")]


class KoladaImport(models.Model):
    file_name = models.CharField(_("fil eller adress"), max_length=500)
    imported_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("import från Kolada")
        verbose_name_plural = _("importer från Kolada")
        ordering = ["-imported_at", "-id"]


class KoladaValue(models.Model):
    """A Kolada KPI value for a municipality, year and gender (T total, K women, M men)."""

    source = models.ForeignKey(KoladaImport, on_delete=models.CASCADE, related_name="values")
    kpi = models.CharField(_("nyckeltal"), max_length=20)
    municipality = models.CharField(_("kommun-id"), max_length=10)
    year = models.PositiveIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, default="T")
    value = models.DecimalField(_("värde"), max_digits=18, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("värde från Kolada")
        verbose_name_plural = _("värden från Kolada")
        ordering = ["kpi", "year", "municipality", "gender"]
        constraints = [models.UniqueConstraint(fields=["kpi", "municipality", "year", "gender"],
                                               name="kolada_kpi_municipality_year_gender")]


class KoladaMunicipality(models.Model):
    """A municipality's name from Kolada's metadata, and whether it is one of the chosen peers."""

    code = models.CharField(_("kommun-id"), max_length=10, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    peer = models.BooleanField(_("jämförelsekommun"), default=False)
    group = models.CharField(_("grupp"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kommun i Kolada")
        verbose_name_plural = _("kommuner i Kolada")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
