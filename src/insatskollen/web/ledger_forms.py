"""Forms of the ledger pages: uploading a ledger or budget file, and a supplementary budget. They never save."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from insatskollen.web.forms import DateInput, ImportUploadForm, SwedishDecimalField

LEDGER, BUDGET = "ledger", "budget"
MONTH_CHOICES = [("", _("Fördela från beslutsmånaden till december"))] + [
    (str(m), name) for m, name in enumerate(
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
         "november", "december"], start=1)
]


class LedgerUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vad innehåller filen?"), widget=forms.RadioSelect, initial=LEDGER,
        choices=[(LEDGER, _("Utfall från ekonomisystemet (Period, Konto, Verksamhet, Belopp …)")),
                 (BUDGET, _("Budget (År, Verksamhet, Månad, Belopp)"))])
    file = forms.FileField(label=_("Fil"), help_text=_("En Excelfil (.xlsx, .xls), OpenDocument-fil (.ods) eller textfil (.csv, .txt)."))

    clean_file = ImportUploadForm.clean_file


class SupplementaryBudgetForm(forms.Form):
    amount = SwedishDecimalField(
        label=_("Belopp (kr)"),
        help_text=_("Förändring av nettobudgeten, t.ex. 2 300 000. Ett negativt belopp sänker budgeten."))
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput)
    reason = forms.CharField(label=_("Anledning"), max_length=300,
                             help_text=_("T.ex. nämndens beslut och vad tillskottet avser."))
    activity = forms.CharField(label=_("Verksamhet"), max_length=20, required=False,
                               widget=forms.TextInput(attrs={"list": "activity-options", "autocomplete": "off"}),
                               help_text=_("Insatskod, t.ex. 6510. Lämna tomt för enhetens totala budget."))
    month = forms.TypedChoiceField(label=_("Månad"), choices=MONTH_CHOICES, required=False, coerce=int,
                                   empty_value=None)

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("Beloppet kan inte vara noll."))
        return amount
