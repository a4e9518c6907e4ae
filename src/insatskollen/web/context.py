"""Template context for every page: the main navigation, depending on the user's role."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from insatskollen.accounts import access

_WORKLIST_PAGES = (
    "worklists", "worklist_reviews", "review_record", "review_result", "review_coverage", "proposals",
    "proposal_detail", "conferences", "conference", "worklist_plans", "order_create", "order_plan",
    "worklist_contracts", "contract_renegotiate", "worklist_fk", "fk_case", "fk_case_create", "worklist_sol_lss",
    "worklist_threshold", "caseload",
)
_FORECAST_PAGES = ("forecast", "forecast_bridge", "forecast_backtest", "action_plans", "action_plan")

# (url name, label, rule deciding who sees it, url names that count as "inside" this item)
# (url name, label, rule deciding who sees it, url names that count as "inside" this item)
_ITEMS = (
    ("home", "Översikt", None, ("home",)),
    ("clients", "Klienter", None, ("clients", "client", "decision_create", "decision_change", "decision_end")),
    ("worklists", "Arbetslistor", None, _WORKLIST_PAGES),
    ("year_plan", "Årsplanering", None, ("year_plan", "year_plan_event_create", "year_plan_event_edit")),
    ("import", "Importera", access.may_import_register, ("import", "import_job")),
    ("export", "Exportera", access.may_export_register, ("export",)),
    ("dashboard", "Uppföljning", access.may_see_followup, ("dashboard",)),
    ("reconciliation", "Avstämning", access.may_see_followup, ("reconciliation",)),
    ("corrections", "Rättelser", access.may_see_followup, ("corrections", "closed_months")),
    ("report", "Rapport", access.may_see_followup, ("report", "report_download")),
    ("forecast", "Prognos", access.may_see_followup, _FORECAST_PAGES),
    ("allocation", "Resursfördelning", access.may_see_allocation, ("allocation",)),
    ("benchmarks", "Jämförelse", access.may_see_benchmarks, ("benchmarks",)),
    ("survey_rounds", "Brukarenkäter", access.may_see_surveys, ("survey_rounds", "survey_round")),
    ("transport", "Resor", access.may_see_followup, ("transport", "transport_orders", "transport_ledger",
                                                      "transport_invoice")),
    ("ifo_sharing", "IFO-delning", access.may_see_followup, ("ifo_sharing", "ifo_agreement_create", "ifo_dispute",
                                                            "ifo_recharge")),
    ("ledger_import", "Ekonomiimport", access.may_import_ledger, ("ledger_import",)),
    ("budget", "Budget", access.may_see_budget, ("budget",)),
    ("audit", "Logg", access.may_read_audit, ("audit",)),
)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match and match.namespace == "web" else None
    items = [
        {"url": reverse(f"web:{name}"), "label": _(label), "current": current in section}
        for name, label, rule, section in _ITEMS
        if rule is None or rule(user)
    ]
    return {"nav_items": items}
