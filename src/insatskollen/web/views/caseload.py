"""Caseload per caseworker (arbetsbelastning) and the decisions just below a level threshold (nivågränser)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import render
from django.utils import timezone

from insatskollen.accounts import access
from insatskollen.accounts.models import Role, Team, User
from insatskollen.casework.caseload import DUE_SOON_DAYS, TeamLoad, caseload, may_see_caseload
from insatskollen.casework.selectors import threshold_items
from insatskollen.casework.thresholds import may_see_thresholds, near_below_share, threshold_bands
from insatskollen.core.numbers import format_sek
from insatskollen.register.selectors import decisions_visible_to
from insatskollen.web.people import with_names
from insatskollen.web.views.common import role_required

CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT, BAR_HEIGHT, VALUE_WIDTH = 640, 170, 28, 18, 120


@dataclass(frozen=True)
class HBar:
    label: str
    value_text: str
    y: float
    width: float
    text_y: float


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    bars: list[HBar]
    bar_height: int
    label_width: int
    value_x: float
    mean_x: float | None


def hbar_chart(values: list[tuple[str, Decimal]], mean: Decimal | None = None) -> HBarChart:
    """Horizontal bars for (label, value ≥ 0), one row each; an optional line marks the mean."""
    plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max([float(v) for _, v in values] + [float(mean or 0), 1.0])
    bars = [HBar(label=label, value_text=format_sek(value), y=index * ROW_HEIGHT + 5,
                 width=round(plot * float(value) / top, 1), text_y=index * ROW_HEIGHT + 5 + BAR_HEIGHT - 4)
            for index, (label, value) in enumerate(values)]
    mean_x = round(LABEL_WIDTH + plot * float(mean) / top, 1) if mean else None
    return HBarChart(width=CHART_WIDTH, height=max(len(values), 1) * ROW_HEIGHT + 10, bars=bars,
                     bar_height=BAR_HEIGHT, label_width=LABEL_WIDTH, value_x=CHART_WIDTH - VALUE_WIDTH + 6,
                     mean_x=mean_x)


def _percent(ratio: Decimal | None) -> Decimal | None:
    return None if ratio is None else ratio * 100


def _team_view(index: int, team: TeamLoad) -> dict:
    return {
        "team": team, "chart_id": f"caseload-chart-{index}",
        "chart": hbar_chart([(m.name, m.annual_cost) for m in team.caseworkers], team.cost.mean),
        "rows": [{"load": m, "cost_pct": _percent(m.cost_vs_mean),
                  "decisions_pct": _percent(m.decisions_vs_mean)} for m in team.caseworkers],
    }


def _chosen_team(request, teams: list[Team]) -> Team | None:
    raw = request.GET.get("team", "")
    return next((t for t in teams if str(t.pk) == raw), None)


@role_required(may_see_caseload)
def caseload_page(request):
    today = timezone.localdate()
    visible_ids = access.team_ids_visible(request.user)
    teams = list(Team.objects.order_by("name") if visible_ids is None else Team.objects.filter(pk__in=visible_ids))
    team = _chosen_team(request, teams) if visible_ids is None else None
    team_ids = [team.pk] if team else visible_ids
    decisions = decisions_visible_to(request.user)
    caseworkers = User.objects.filter(role=Role.CASEWORKER, is_active=True)
    if team_ids is not None:
        decisions = decisions.filter(caseworker__team_id__in=team_ids)
        caseworkers = caseworkers.filter(team_id__in=team_ids)
    result = caseload(decisions, caseworkers, today, team_ids=team_ids)
    return render(request, "web/caseload/page.html", {
        "result": result, "team_views": [_team_view(i, t) for i, t in enumerate(result.teams, 1)],
        "teams": teams, "team": team,
        "may_filter": visible_ids is None, "due_days": DUE_SOON_DAYS, "today": today})


@role_required(may_see_thresholds)
def worklist_threshold(request):
    today = timezone.localdate()
    teams = list(Team.objects.order_by("name"))
    team = _chosen_team(request, teams)
    items = with_names(threshold_items(decisions_visible_to(request.user), today, team.code if team else None))
    return render(request, "web/caseload/thresholds.html", {
        "items": items, "bands": threshold_bands(), "margin_pct": near_below_share() * 100, "teams": teams,
        "team": team, "today": today})
