import json

from django.core.management.base import BaseCommand

from insatskollen.core.numbers import format_number
from insatskollen.forecasting.registry import COMBINED, SIMPLE
from insatskollen.forecasting.selectors import backtest

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov")


class Command(BaseCommand):
    help = ("Backtest: varje månadsskiftes helårsprognos (med det som var känt då) mot årets utfall, per metod och "
            "för den rekommenderade prognosen: fel per månad, MAPE, bias, intervallets täckning och rang mot de "
            "enkla referensmetoderna.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        result = backtest(options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Backtest {result.year}: utfall netto {result.actual_net:,.0f} kr".replace(",", " "))
        self.stdout.write("Absolut fel i % av årets nettoutfall, per prognosdatum (månadsskifte)")
        self.stdout.write(f"  {'metod':<18}" + "".join(f"{m:>6}" for m in MONTHS) + f"{'MAPE':>7}{'bias':>7}")
        rows = [(name, method) for name, method in result.methods.items() if name != COMBINED]
        if result.recommended is not None:
            rows.append(("rekommenderad", result.recommended))
        for name, method in rows:
            cells = "".join(f"{format_number(abs(method.errors[m]), 2):>6}" if method.errors.get(m) is not None
                            else f"{'–':>6}" for m in range(1, 12))
            self.stdout.write(f"  {name:<18}{cells}{format_number(method.mape, 2):>7}"
                              f"{format_number(method.bias, 2):>7}")
        if result.coverage is not None:
            self.stdout.write(f"  80 % intervallets täckning: {format_number(result.coverage, 1)} % "
                              f"({len(result.intervals)} prognoser)")
        rank = result.rank(SIMPLE)
        if rank is not None:
            self.stdout.write(f"  Rang mot referensmetoderna ({', '.join(n for n in SIMPLE if n in result.methods)})"
                              f": {rank[0]} av {rank[1]}")
