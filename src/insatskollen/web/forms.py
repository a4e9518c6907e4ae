"""The web UI's forms. They validate input and hand plain values to the service functions; they never save."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from insatskollen.accounts.models import Role
from insatskollen.audit.models import AuditAction
from insatskollen.casework.models import ReviewOutcome
from insatskollen.core.numbers import InvalidValue, parse_decimal
from insatskollen.register.models import UNIT_CHOICES, InterventionType, MappingProfile, Provider
from insatskollen.register.services import normalise_value

ALLOWED_IMPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class SwedishDecimalField(forms.Field):
    """A number written the Swedish way ("1 234,50") or with a point; a Decimal, or None when empty."""

    widget = forms.TextInput

    def __init__(self, *, min_value: Decimal | None = None, max_value: Decimal | None = None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_decimal(value)
        except InvalidValue as exc:
            raise ValidationError(str(exc), code="invalid") from None
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(_("Värdet får inte vara mindre än %(min)s.") % {"min": self.min_value},
                                  code="min_value")
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(_("Värdet får inte vara större än %(max)s.") % {"max": self.max_value},
                                  code="max_value")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text.replace(".", ",")
        return value


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        self.fields["password"].label = _("Lösenord")


def caseworker_choices():
    return get_user_model().objects.filter(is_active=True, role__in=[Role.CASEWORKER, Role.UNIT_HEAD]).order_by(
        "first_name", "last_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name if obj.display_name == obj.username else f"{obj.display_name} ({obj.username})"


class DecisionForm(forms.Form):
    """A decision's fields, as the caseworker registers or changes them."""

    intervention_type = forms.ModelChoiceField(InterventionType.objects.all(), label=_("Insats"),
                                               empty_label=_("Välj insats"))
    extent = SwedishDecimalField(label=_("Omfattning"), min_value=Decimal(0),
                                 help_text=_("I den enhet du väljer nedan, t.ex. 1 plats eller 12,5 timmar."))
    unit = forms.ChoiceField(choices=UNIT_CHOICES, label=_("Enhet"))
    price = SwedishDecimalField(label=_("Pris (kr)"), min_value=Decimal(0),
                                help_text=_("Per dygn, timme, resa eller månad beroende på enheten."))
    provider = forms.ModelChoiceField(Provider.objects.all(), label=_("Utförare"), empty_label=_("Välj utförare"))
    decision_date = forms.DateField(label=_("Beslutsdatum"), widget=DateInput)
    start_date = forms.DateField(label=_("Startdatum"), widget=DateInput)
    end_date = forms.DateField(label=_("Slutdatum"), widget=DateInput, required=False,
                               help_text=_("Sista dagen insatsen ges. Lämna tomt om beslutet gäller tills vidare."))
    caseworker = UserChoiceField(caseworker_choices(), label=_("Handläggare"), empty_label=_("Välj handläggare"))
    last_review_date = forms.DateField(label=_("Senaste omprövning"), widget=DateInput, required=False)
    level = forms.CharField(label=_("Nivå"), max_length=20, required=False)
    ifo_share_pct = SwedishDecimalField(label=_("IFO-andel %"), required=False, min_value=Decimal(0),
                                        max_value=Decimal(100),
                                        help_text=_("Andel av kostnaden som IFO bär, 0–100. Tomt betyder 0."))
    revenue_per_unit = SwedishDecimalField(label=_("Intäkt per enhet (kr)"), required=False, min_value=Decimal(0),
                                           help_text=_("T.ex. ersättning från Försäkringskassan per timme."))
    revenue_source = forms.CharField(label=_("Intäktskälla"), max_length=40, required=False)
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    external_id = forms.CharField(label=_("Beslut-id"), max_length=64, required=False,
                                  help_text=_("Beslutets id i verksamhetssystemet, om det finns."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form, so users created since start-up are offered.
        self.fields["caseworker"].queryset = caseworker_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        if cleaned.get("ifo_share_pct") is None and "ifo_share_pct" not in self.errors:
            cleaned["ifo_share_pct"] = Decimal(0)
        cleaned["external_id"] = (cleaned.get("external_id") or "").strip() or None
        return cleaned

    def create_fields(self) -> dict:
        """Keyword arguments for decision_create (related objects as objects)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in WRITE_OPTION_FIELDS}


# Fields a form carries besides the decision's own: when the change applies, the version it was made on, the
# reason for a correction, and the confirmation after the preview.
WRITE_OPTION_FIELDS = ("valid_from", "version", "reason", "confirm")
REASON_HELP = _("Behövs när ändringen påverkar en stängd månad eller ett beslut som har upphört: då är den en "
                "rättelse, som listas på sidan Rättelser med skälet.")


class DecisionCreateForm(DecisionForm):
    """A new decision; the unit head may register one that starts in a closed month (a correction), with a reason."""

    reason = forms.CharField(label=_("Skäl till rättelsen"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Behövs när beslutet börjar i en stängd månad: då är registreringen en "
                                         "rättelse, som listas på sidan Rättelser med skälet."))

    def __init__(self, *args, may_correct: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_correct:
            del self.fields["reason"]


class VersionedWrite(forms.Form):
    """What a change or an end of a decision carries besides its fields: the version the form was opened on (a form
    opened before someone else's change is refused, nothing lost) and, for the unit head, a correction's reason."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Skäl till rättelsen"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}), help_text=REASON_HELP)

    def __init__(self, *args, decision=None, may_correct: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        if not may_correct:
            del self.fields["reason"]


class DecisionChangeForm(VersionedWrite, DecisionForm):
    """A change of a decision: the decision's fields and the day the changed terms take effect."""

    valid_from = forms.DateField(
        label=_("Gäller från"), widget=DateInput,
        help_text=_("Nya villkor (omfattning, enhet, pris, utförare, nivå, IFO-andel, intäkt) gäller från och med "
                    "detta datum och tills vidare. Dagar före datumet behåller sina villkor."))

    def change_fields(self) -> dict:
        """Keyword arguments for decision_change: only the fields the user changed from what the form showed (the
        decision's latest values), related objects by id as the history records them."""
        values = {k: v for k, v in self.cleaned_data.items() if k not in WRITE_OPTION_FIELDS}
        for name in ("intervention_type", "provider", "caseworker"):
            values[f"{name}_id"] = values.pop(name).pk
        return {k: v for k, v in values.items() if normalise_value(k, v) != normalise_value(
            k, getattr(self.decision, k))}


class DecisionEndForm(VersionedWrite):
    field_order = ("end_date", "reason")
    end_date = forms.DateField(label=_("Slutdatum"), widget=DateInput,
                               help_text=_("Sista dagen insatsen ges. Kostnaden räknas till och med denna dag."))

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if self.decision is not None and end < self.decision.start_date:
            raise ValidationError(_("Slutdatum kan inte vara före startdatum."))
        return end


SERVICE_FIELD_NAMES = {"intervention_type_id": "intervention_type", "provider_id": "provider",
                       "caseworker_id": "caseworker", "client_id": None, "client": None}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service function's ValidationError (field → message) on the form's fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = SERVICE_FIELD_NAMES.get(field, field)
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök klient"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
                        help_text=_("Personnummer i valfri form (ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller bara "
                                    "siffrorna) eller Beslut-id."))


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Registerfil"), help_text=_("En Excelfil (.xlsx, .xls), OpenDocument-fil (.ods) eller textfil (.csv, .txt) "
                                       "i registerformatet."))
    profile = forms.ModelChoiceField(MappingProfile.objects.all(), required=False, label=_("Importprofil"),
                                     empty_label=_("Standardformatet (inga egna kolumnnamn)"))

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])


def checked_upload(upload):
    """An uploaded spreadsheet (.xlsx, .xls, .ods) or text file (.csv, .txt, .tsv), not empty, within the size
    limit — checked before it is stored."""
    if upload is None:
        return upload
    if Path(upload.name).suffix.lower() not in ALLOWED_IMPORT_SUFFIXES:
        raise ValidationError(_("Filen måste vara en Excelfil (.xlsx, .xls), en OpenDocument-fil (.ods) eller en "
                                "textfil (.csv, .txt)."))
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("Filen är för stor. Största tillåtna storlek är %(mb)s MB.")
                              % {"mb": f"{limit / 1_048_576:.0f}"})
    if upload.size == 0:
        raise ValidationError(_("Filen är tom."))
    return upload


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("Användare"), required=False, max_length=150,
                           help_text=_("Användarnamn, t.ex. anna.l."))
    action = forms.ChoiceField(label=_("Händelse"), required=False,
                               choices=[("", _("Alla händelser"))] + list(AuditAction.choices))
    date_from = forms.DateField(label=_("Från och med"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Till och med"), required=False, widget=DateInput)
    client_id = forms.IntegerField(label=_("Klient-id"), required=False, min_value=1, max_value=2**63 - 1)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return cleaned


DECISION_SECTIONS = (
    (_("Insats och pris"), ("intervention_type", "extent", "unit", "price", "provider")),
    (_("Datum"), ("decision_date", "start_date", "end_date", "last_review_date")),
    (_("Ansvar och finansiering"), ("caseworker", "level", "ifo_share_pct", "revenue_per_unit", "revenue_source")),
    (_("Övrigt"), ("external_id", "comment")),
)


def decision_sections(form: DecisionForm) -> list[tuple[str, list]]:
    """The form's fields grouped for fieldsets, so a long form reads in steps. A change starts with its date."""
    sections = [(legend, [form[name] for name in names]) for legend, names in DECISION_SECTIONS]
    first = [form[name] for name in ("valid_from", "reason") if name in form.fields]
    if first:
        sections.insert(0, (_("När ändringen gäller"), first))
    return sections


REVIEW_OUTCOME_HELP = {
    "unchanged": _("Behovet är detsamma. Beslutet fortsätter som förut; omprövningsdatumet sparas."),
    "reduced": _("Behovet har minskat. Ange den nya, lägre omfattningen och från vilket datum den gäller."),
    "increased": _("Behovet har ökat. Ange den nya, högre omfattningen och från vilket datum den gäller."),
    "ended": _("Insatsen behövs inte längre. Ange sista dagen den ges."),
}


class ReviewForm(forms.Form):
    """A review's outcome, as the caseworker records it. casework.services.review_record checks the rules."""

    outcome = forms.ChoiceField(label=_("Utfall"), widget=forms.RadioSelect)
    reviewed_on = forms.DateField(label=_("Omprövningsdatum"), widget=DateInput,
                                  help_text=_("Dagen omprövningen gjordes, senast i dag."))
    extent_after = SwedishDecimalField(label=_("Ny omfattning"), required=False, min_value=Decimal(0),
                                       help_text=_("Bara vid Minskat eller Utökat, i beslutets enhet."))
    effective_from = forms.DateField(label=_("Gäller från"), widget=DateInput, required=False,
                                     help_text=_("Bara vid Minskat eller Utökat. Tomt betyder omprövningsdatumet."))
    end_date = forms.DateField(label=_("Sista dag"), widget=DateInput, required=False,
                               help_text=_("Bara vid Avslutat: sista dagen insatsen ges."))
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = ReviewOutcome.choices

    def outcomes(self) -> list[dict]:
        """The radio options with their help text, for a template that teaches the routine."""
        field = self["outcome"]
        return [{"widget": option, "help": REVIEW_OUTCOME_HELP[option.data["value"]]} for option in field]


class ProposalDecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Godkänn")), ("reject", _("Avslå"))], widget=forms.HiddenInput)
    note = forms.CharField(label=_("Motivering"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Krävs när du avslår: handläggaren ser den."))


PERIODS = (("overdue", _("Förfallna")), ("30", _("Förfallna och inom 30 dagar")),
           ("90", _("Förfallna och inom 90 dagar")))


class ReviewFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    caseworker = forms.ChoiceField(label=_("Handläggare"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args, caseworkers=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [("alla", _("Alla")), ("mina", _("Mina"))] + [
            (str(u.pk), u.display_name) for u in caseworkers]
        self.fields["team"].choices = [("", _("Alla team"))] + [(t.code, t.name) for t in teams]
