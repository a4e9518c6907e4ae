import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_sek, parse_date
from insatskollen.forecasting.bridge import LABELS
from insatskollen.forecasting.registry import KEYS
from insatskollen.forecasting.selectors import forecast_bridge


class Command(BaseCommand):
    help = "Prognosbrygga: varför helårsprognosens netto ändrats mellan två datum, per orsak och med ärendena bakom."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--method", choices=KEYS,
                            help="metoden att förklara (standard: den rekommenderade per --to)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            date_from, date_to = parse_date(options["date_from"]), parse_date(options["date_to"])
        except InvalidValue as exc:
            raise CommandError(f"datum: {exc}") from None
        if date_from > date_to:
            raise CommandError("--from måste vara samma dag som eller före --to")
        result = forecast_bridge(date_from, date_to, method=options["method"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"Prognos {date_to.year}: {format_sek(result.net_from)} netto per {date_from} → "
                          f"{format_sek(result.net_to)} per {date_to} ({result.method})")
        for driver in result.drivers:
            self.stdout.write(f"  {LABELS[driver.driver]:<34} {format_sek(driver.amount):>18}")
            for part, amount in driver.parts.items():
                self.stdout.write(f"      {part:<34} {format_sek(amount):>16}")
            for case in sorted(driver.cases, key=lambda c: -abs(c.amount))[:5]:
                self.stdout.write(f"      {case.decision:<16} {case.client:<16} {format_sek(case.amount):>16}")
