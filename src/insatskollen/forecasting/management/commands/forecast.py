import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_sek, parse_date
from insatskollen.forecasting.selectors import forecast


class Command(BaseCommand):
    help = "Helårsprognos per ett datum (bara det som var känt då): run rate och åtagandeprognos."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            as_of = parse_date(options["as_of"])
        except InvalidValue as exc:
            raise CommandError(f"--as-of: {exc}") from None
        result = forecast(options["year"], as_of)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Prognos {result.year} per {result.as_of}: budget {format_sek(result.budget_net)} netto, "
                          f"utfall hittills {format_sek(result.actual.net)} netto")
        for name, figures in result.methods.items():
            mark = " (rekommenderad)" if name == result.recommended else ""
            self.stdout.write(f"  {name:<12} kostnad {format_sek(figures.cost):>18} netto {format_sek(figures.net):>18}"
                              f" avvikelse {format_sek(result.budget_net - figures.net):>18}{mark}")
