import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.casework.worklists import buildable
from insatskollen.core.numbers import InvalidValue, format_sek, parse_date
from insatskollen.register.models import Decision

BUILDERS = buildable()
LISTS = tuple(BUILDERS)


class Command(BaseCommand):
    help = ("Arbetslistor (casework.worklists): omprövningar, individavtal, FK-kandidater, genomförandeplaner, "
            "nivågränser, SoL till LSS, inför mättillfället och nivåbevakning.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=LISTS)
        parser.add_argument("--as-of", required=True, help="ÅÅÅÅ-MM-DD")
        parser.add_argument("--until", help="ÅÅÅÅ-MM-DD (omprövningar förfallna senast detta datum)")
        parser.add_argument("--team", help="teamets kod")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        as_of = self._date(options["as_of"], "--as-of")
        until = self._date(options["until"], "--until") if options["until"] else None
        team, kind = options["team"], options["kind"]
        qs = Decision.objects.all()
        result: dict = {"as_of": as_of.isoformat(), **BUILDERS[kind](qs, as_of, until, team)}
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        if "note" in result:
            self.stdout.write(result["note"])
        for item in result["items"]:
            self.stdout.write("  " + "  ".join(self._text(k, v) for k, v in item.items()))
        self.stdout.write(f"{len(result['items'])} poster per {result['as_of']}")

    @staticmethod
    def _text(key, value):
        if key in ("annual_cost", "yearly_saving", "at_stake", "yearly_price", "schablon"):
            return format_sek(value)
        return str(value)

    @staticmethod
    def _date(raw, flag):
        try:
            return parse_date(raw)
        except InvalidValue as exc:
            raise CommandError(f"{flag}: {exc}") from None
