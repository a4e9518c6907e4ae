import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_number, format_sek, parse_date
from insatskollen.forecasting.selectors import COMPONENT_LABELS, forecast


class Command(BaseCommand):
    help = ("Helårsprognos per ett datum (bara det som var känt då): run rate, åtagande, åtagande med förväntad "
            "förändring och statistisk baslinje; rekommenderad metod efter träffsäkerhet, med 80 % intervall.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--details", action="store_true",
                            help="med intervall, träffsäkerhet per metod och den förväntade förändringens delar")

    def handle(self, *args, **options):
        try:
            as_of = parse_date(options["as_of"])
        except InvalidValue as exc:
            raise CommandError(f"--as-of: {exc}") from None
        result = forecast(options["year"], as_of)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(details=options["details"]), ensure_ascii=False))
            return
        self.stdout.write(f"Prognos {result.year} per {result.as_of}: budget {format_sek(result.budget_net)} netto, "
                          f"utfall hittills {format_sek(result.actual.net)} netto")
        for name, figures in result.methods.items():
            mark = " (rekommenderad)" if name == result.recommended else ""
            mape = result.evidence.get(name)
            score = f"  MAPE {format_number(mape, 2)} %" if mape is not None else ""
            self.stdout.write(f"  {name:<16} kostnad {format_sek(figures.cost):>18} netto {format_sek(figures.net):>18}"
                              f" avvikelse {format_sek(result.budget_net - figures.net):>18}{score}{mark}")
        self.stdout.write(f"  Underlag: {result.evidence_basis}")
        if result.interval is not None:
            self.stdout.write(f"  80 % intervall för nettot: {format_sek(result.interval.low)} – "
                              f"{format_sek(result.interval.high)}")
        if options["details"] and result.components:
            self.stdout.write("  Förväntad förändring utöver åtagandet:")
            for key, amount in result.components.items():
                self.stdout.write(f"    {COMPONENT_LABELS[key]:<42} {format_sek(amount):>18}")
