import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.accounts.models import Team
from insatskollen.conferences.agenda import monday_of
from insatskollen.conferences.models import Conference
from insatskollen.conferences.selectors import agenda_groups, item_facts
from insatskollen.conferences.services import conference_prepare
from insatskollen.core.numbers import InvalidValue, format_number, format_sek, parse_date


def _money(value):
    return None if value is None else float(value)


class Command(BaseCommand):
    help = ("Ärendedragning: ta fram (eller uppdatera) dagordningen för ett team och en vecka och skriv ut den, "
            "grupperad per insatstyp med jämförelse mot liknande ärenden.")

    def add_arguments(self, parser):
        parser.add_argument("--team", required=True, help="teamets kod")
        parser.add_argument("--week", required=True, help="ett datum i veckan, ÅÅÅÅ-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        team = Team.objects.filter(code=options["team"]).first()
        if team is None:
            codes = ", ".join(Team.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"--team: okänt team {options['team']!r}. Team: {codes or 'inga'}.")
        try:
            week = monday_of(parse_date(options["week"]))
        except InvalidValue as exc:
            raise CommandError(f"--week: {exc}") from None
        conference = Conference.objects.filter(team=team, week_start=week).first()
        if conference is None or not conference.is_held:
            conference = conference_prepare(team=team, week=week, actor="cli")
        groups = agenda_groups(conference)
        result = {
            "team": team.code, "week_start": week.isoformat(), "week": conference.week_number,
            "status": conference.status, "routine_left_out": conference.routine_count,
            "groups": [{"code": g["intervention_type"].code, "name": g["intervention_type"].name,
                        "items": [self._item(item) for item in g["items"]]} for g in groups],
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"Ärendedragning {team.name} vecka {result['week']} ({week:%Y-%m-%d}), "
                          f"{conference.get_status_display().lower()}")
        for group in result["groups"]:
            self.stdout.write(f"\n{group['code']} {group['name']}")
            for item in group["items"]:
                panel = item["comparison"]
                median = "–" if panel["extent_median"] is None else format_number(panel["extent_median"], 2)
                self.stdout.write(f"  {item['position']}. [{item['kind_label']}] {item['title']}")
                self.stdout.write(f"     {item['decision']}  {item['client']}  jämförelse: {panel['count']} liknande, "
                                  f"median {median}, {format_sek(panel['case_cost'])}")
                if item["outcome"] or item["minutes"]:
                    self.stdout.write(f"     Utfall: {item['outcome'] or '–'}. {item['minutes']}")
        self.stdout.write(f"\n{sum(len(g['items']) for g in result['groups'])} ärenden, "
                          f"{conference.routine_count} rutinärenden utelämnade")

    @staticmethod
    def _item(item) -> dict:
        panel = item.comparison
        return {
            "position": item.position, "kind": item.kind, "kind_label": item.get_kind_display(), "title": item.title,
            **item_facts(item), "outcome": item.outcome, "minutes": item.minutes,
            "comparison": {"count": panel.count, "below": panel.below, "above": panel.above,
                           "case_extent": _money(panel.case_extent), "case_cost": _money(panel.case_cost),
                           "extent_min": _money(panel.extent_min), "extent_median": _money(panel.extent_median),
                           "extent_max": _money(panel.extent_max), "cost_median": _money(panel.cost_median)},
        }
