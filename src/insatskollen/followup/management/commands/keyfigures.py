import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.months import month_label
from insatskollen.core.numbers import InvalidValue, format_number, parse_month
from insatskollen.followup.keyfigures import as_json
from insatskollen.followup.selectors import keyfigures_for_year
from insatskollen.register.models import Decision


class Command(BaseCommand):
    help = "Prestationer och nyckeltal per insatskod och månad (som tabell 4 i 2007 års granskning)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--compare", nargs=2, metavar=("YYYY-MM", "YYYY-MM"),
                            help="Två månader att jämföra i procent (standard: januari och december).")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        compare = None
        if options["compare"]:
            try:
                compare = tuple(month_label(parse_month(m)) for m in options["compare"])
            except InvalidValue as exc:
                raise CommandError(str(exc)) from None
        figures = keyfigures_for_year(Decision.objects.all(), options["year"], compare=compare)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(options["year"], figures), ensure_ascii=False))
            return
        for code, f in figures.items():
            months = " ".join(format_number(v, 1).rjust(6) for v in f.average_active.values())
            change = "" if f.change_pct is None else f"{format_number(f.change_pct, 1)} %"
            self.stdout.write(f"{code:<6} {f.name[:28]:<28} {months} {change:>9}")
