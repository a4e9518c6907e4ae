import json

from django.core.management.base import BaseCommand

from insatskollen.forecasting.selectors import backtest


class Command(BaseCommand):
    help = "Backtest: varje månadsskiftes helårsprognos (med det som var känt då) mot årets utfall, per metod."

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
            errors = "  ".join(f"{m:02d}: {abs(e):5.1f}%" if e is not None else f"{m:02d}: –"
                               for m, e in sorted(method.errors.items()))
            self.stdout.write(f"  {name:<12} MAPE {method.mape}%  bias {method.bias}%\n    {errors}")
