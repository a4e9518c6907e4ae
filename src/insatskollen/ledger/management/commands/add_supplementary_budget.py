import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_sek, parse_date, parse_decimal
from insatskollen.ledger.selectors import budget_for_year
from insatskollen.ledger.services import budget_supplement_add


class Command(BaseCommand):
    help = ("Lägg till en tilläggsbudget för ett år. Utan --month fördelas beloppet jämnt från beslutsmånaden "
            "till december.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--amount", required=True, help="Belopp i kronor, t.ex. 2300000 eller \"2 300 000\". "
                                                           "Negativt belopp sänker budgeten.")
        parser.add_argument("--decided-on", required=True, help="Beslutsdatum ÅÅÅÅ-MM-DD.")
        parser.add_argument("--reason", required=True, help="Anledning, t.ex. nämndens beslut.")
        parser.add_argument("--activity", default="", help="Verksamhet (insatskod); tomt för enhetens totala budget.")
        parser.add_argument("--month", type=int, help="Lägg hela beloppet på en månad (1–12).")

    def handle(self, *args, **options):
        try:
            amount = parse_decimal(options["amount"])
            decided_on: dt.date = parse_date(options["decided_on"])
        except InvalidValue as exc:
            raise CommandError(str(exc)) from None
        year = options["year"]
        before = budget_for_year(year)
        try:
            budget_supplement_add(year=year, amount=amount, decided_on=decided_on, reason=options["reason"],
                                  activity=options["activity"], month=options["month"], actor="cli")
        except ValidationError as exc:
            raise CommandError(" ".join(m for messages in exc.message_dict.values() for m in messages)) from None
        after = budget_for_year(year)
        self.stdout.write(f"Tilläggsbudget {format_sek(amount)} registrerad för {year}. "
                          f"Nettobudget {year}: {format_sek(before)} → {format_sek(after)}.")
