import json

from django.core.management.base import BaseCommand

from insatskollen.core.numbers import format_number
from insatskollen.forecasting.selectors import backtest


class Command(BaseCommand):
    help = ("Backtest: varje månadsskiftes helårsprognos (med det som var känt då) mot årets utfall, per metod och "
            "för den metod som träffsäkerheten rekommenderade då.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        result = backtest(options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Backtest {result.year}: utfall netto {result.actual_net:,.0f} kr".replace(",", " "))
        for name, method in result.methods.items():
            errors = "  ".join(f"{m:02d}: {format_number(abs(e), 1):>5} %" if e is not None else f"{m:02d}: –"
                               for m, e in sorted(method.errors.items()))
            self.stdout.write(f"  {name:<16} MAPE {format_number(method.mape, 2)} %  "
                              f"bias {format_number(method.bias, 2)} %\n    {errors}")
        if result.recommended is not None:
            chosen = result.recommended
            picks = "  ".join(f"{m:02d}: {result.recommended_methods[m]}" for m in sorted(chosen.forecasts))
            self.stdout.write(f"  {'rekommenderad':<16} MAPE {format_number(chosen.mape, 2)} %  "
                              f"bias {format_number(chosen.bias, 2)} %\n    {picks}")
