"""Reconciliation page: a month's register cost against the ledger's, per intervention code, with drill-down."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.core.months import add_months, month_label
from insatskollen.core.numbers import InvalidValue, parse_month
from insatskollen.followup.reconciliation import CATEGORIES, CATEGORY_LABELS, CodeReconciliation
from insatskollen.followup.selectors import reconcile_month
from insatskollen.register.models import InterventionType
from insatskollen.web.views.common import role_required

CATEGORY_HELP = {
    "accrual": "Bokslutsperiodiseringar och deras återföringar: en decemberbokning som återförs i januari (samma "
               "konto, verksamhet och motpart, motsatt belopp) och bokningar på konton eller verifikationsserier "
               "som är angivna som periodisering.",
    "timing": "Kostnad bokad en annan månad än den hör till: förra månaden bokades mindre än registret och "
              "denna månad mer (+), eller denna månad mindre och nästa månad mer (−).",
    "ledger_without_decision": "Bokad kostnad utan beslut bakom: ingen utförare har beslut under insatskoden denna "
                               "månad eller månaden före, eller bokningens text säger att beslut saknas eller "
                               "nämner en klient utan beslut hos utföraren.",
    "decision_without_ledger": "Kostnad i registret för beslut hos en utförare som inte har någon bokning under "
                               "insatskoden denna månad, utom det som bokas i efterhand nästa månad (−).",
    "price_difference": "Resten av skillnaden för beslut som har bokningar: andra priser, extra fakturor, "
                        "krediteringar, slutreglering.",
}


def _link(month: str, category: str, code: str | None) -> str:
    params = {"month": month, "category": category}
    if code is not None:
        params["code"] = code
    return f"?{urlencode(params)}#detaljer"


def _row(month: str, code: str | None, name: str, part: CodeReconciliation) -> dict:
    quality = part.data_quality
    return {
        "code": code, "name": name, "part": part, "quality_pct": None if quality is None else quality * 100,
        "cells": [{"label": CATEGORY_LABELS[c], "amount": getattr(part.categories, c), "url": _link(month, c, code)}
                  for c in CATEGORIES],
    }


@role_required(access.may_see_followup)
def reconciliation(request):
    default = add_months(timezone.localdate().replace(day=1), -1)
    month, month_error = default, ""
    if request.GET.get("month"):
        try:
            month = parse_month(request.GET["month"])
        except InvalidValue as exc:
            month_error = str(exc)
    label = month_label(month)
    result = reconcile_month(month)
    names = dict(InterventionType.objects.filter(code__in=list(result.by_code)).values_list("code", "name"))
    context = {
        "month": label,
        "previous_month": month_label(add_months(month, -1)),
        "next_month": month_label(add_months(month, 1)),
        "month_error": month_error,
        "result": result,
        "headers": [CATEGORY_LABELS[c] for c in CATEGORIES],
        "explanations": [(CATEGORY_LABELS[c], CATEGORY_HELP[c]) for c in CATEGORIES],
        "rows": [_row(label, code, names.get(code, ""), part) for code, part in result.by_code.items()],
        "total": _row(label, None, "", result.total),
    }
    category = request.GET.get("category")
    if category in CATEGORIES:
        code = request.GET.get("code")  # absent: every code; "": bookings without intervention code
        context["detail"] = {
            "category": category,
            "label": CATEGORY_LABELS[category],
            "help": CATEGORY_HELP[category],
            "code": code,
            "code_name": names.get(code, "") if code else "",
            "amount": getattr((result.by_code.get(code) or CodeReconciliation(code)).categories if code is not None
                              else result.categories, category),
            "pairs": [{"pair": pair, "amount": getattr(pair.categories, category),
                       "ledger_rows": pair.evidence(category)[0], "decisions": pair.evidence(category)[1]}
                      for pair in result.pairs_in(category, code)],
        }
    return render(request, "web/reconciliation/month.html", context)
