from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insatskollen.actionplan.document import blocks
from insatskollen.actionplan.files import RENDERERS, plan_blocks, render_file
from insatskollen.actionplan.models import ActionPlan
from insatskollen.actionplan.selectors import draft_figures
from insatskollen.actionplan.services import action_plan_draft, action_plan_exported
from insatskollen.core.numbers import InvalidValue, format_number, parse_date


class Command(BaseCommand):
    help = ("Åtgärdsplan och orsaksredovisning som PDF eller DOCX: avvikelsen mot budget och orsakerna med belopp "
            "och de beslut som ligger bakom. Utan --plan tas ett nytt utkast fram (sparas bara med --save).")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Prognosår, t.ex. 2026.")
        parser.add_argument("--as-of", help="Prognos per datum, ÅÅÅÅ-MM-DD.")
        parser.add_argument("--plan", type=int, help="Skriv ut en sparad åtgärdsplan (med dess texter).")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="pdf")
        parser.add_argument("--out", required=True, help="Fil att skriva.")
        parser.add_argument("--save", action="store_true", help="Spara utkastet som en åtgärdsplan.")

    def handle(self, *args, **options):
        fmt = options["format"]
        if options["plan"]:
            plan = ActionPlan.objects.filter(pk=options["plan"]).first()
            if plan is None:
                raise CommandError(f"Det finns ingen åtgärdsplan med id {options['plan']}.")
            content, year, as_of = plan_blocks(plan), plan.year, plan.as_of
            title, unit_name = plan.title, plan.content.get("unit_name", "")
        else:
            if not options["year"] or not options["as_of"]:
                raise CommandError("Ange --year och --as-of (eller --plan).")
            try:
                as_of = parse_date(options["as_of"])
            except InvalidValue as exc:
                raise CommandError(f"--as-of: {exc}") from None
            year = options["year"]
            plan = action_plan_draft(year=year, as_of=as_of, actor=None) if options["save"] else None
            if plan:
                content, title, unit_name = plan_blocks(plan), plan.title, plan.content["unit_name"]
            else:
                draft = draft_figures(year, as_of)
                title, unit_name = f"Åtgärdsplan och orsaksredovisning {year}", draft.unit_name
                content = blocks(draft, title=title, texts={}, drafted_at=timezone.localtime())
        data = render_file(content, fmt, unit_name=unit_name, title=title)
        Path(options["out"]).write_bytes(data)
        action_plan_exported(actor=None, fmt=fmt, year=year, as_of=as_of, title=title, plan=plan)
        saved = f" (sparad som åtgärdsplan {plan.pk})" if plan and not options["plan"] else ""
        self.stdout.write(f"Skrev {options['out']} ({format_number(len(data))} byte){saved}.")
