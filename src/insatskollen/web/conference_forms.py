"""Forms of the case conference pages: minutes per item, closing a conference, raising a policy question."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatskollen.conferences.models import AgendaItem
from insatskollen.conferences.services import MINUTES_MAX_LENGTH, QUESTION_MAX_LENGTH
from insatskollen.web.forms import DateInput


class MinutesForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Utfall"), required=False,
                                choices=[("", _("Inget utfall ännu")), *AgendaItem.Outcome.choices])
    minutes = forms.CharField(label=_("Protokoll"), required=False, max_length=MINUTES_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Vad som sades och beslutades. Sparas per ärende."))

    def __init__(self, *args, item: AgendaItem, **kwargs):
        kwargs.setdefault("initial", {"outcome": item.outcome, "minutes": item.minutes})
        kwargs.setdefault("prefix", f"punkt-{item.pk}")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("minutes", "").strip() and not cleaned.get("outcome"):
            self.add_error("minutes", _("Skriv protokoll eller välj ett utfall."))
        return cleaned


class CloseForm(forms.Form):
    held_on = forms.DateField(label=_("Hölls den"), widget=DateInput,
                              help_text=_("Dagen ärendedragningen hölls (ÅÅÅÅ-MM-DD)."))


class PolicyQuestionForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("Beslut"), queryset=None, required=False,
                                      empty_label=_("Klienten som helhet"),
                                      help_text=_("Välj det beslut frågan gäller, om den gäller ett visst beslut."))
    text = forms.CharField(label=_("Principfråga"), max_length=QUESTION_MAX_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Vad ska ärendedragningen ta ställning till? Tas upp på teamets nästa "
                                       "ärendedragning."),
                           error_messages={"required": _("Beskriv principfrågan.")})

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = client.decisions.select_related("intervention_type").order_by("-start_date", "-id")
        field.label_from_instance = lambda d: f"{d.label} – {d.intervention_type.code} {d.intervention_type.name}"
