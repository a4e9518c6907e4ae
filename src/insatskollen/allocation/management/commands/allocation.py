import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.allocation.report import allocation_dict
from insatskollen.allocation.selectors import allocation_for
from insatskollen.core.numbers import InvalidValue, format_sek, parse_date


class Command(BaseCommand):
    help = ("Stadens resursfördelning för ett år mot registrets kostnad: antal per mättillfälle och nivå, schablon, "
            "kostnad och differens per grupp (formats.md §6).")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", dest="as_of", required=True,
                            help="Registret som det var känt vid slutet av denna dag (ÅÅÅÅ-MM-DD); senare "
                                 "mättillfällen är prognos.")
        parser.add_argument("--provider-kind", dest="provider_kind",
                            help="Bara beslut med denna utförartyp, t.ex. privat.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            as_of = parse_date(options["as_of"])
        except InvalidValue as error:
            raise CommandError(f"--as-of: {error}") from None
        result = allocation_for(options["year"], as_of, provider_kind=options["provider_kind"])
        if options["json"]:
            self.stdout.write(json.dumps(allocation_dict(result), ensure_ascii=False))
            return
        for day in result.dates:
            mark = " (prognos)" if day.projected else ""
            counts = ", ".join(f"{code}/{level}: {n}" for code, level, n in day.counts())
            self.stdout.write(f"{day.date.isoformat()}{mark}: {counts or 'inga'}")
        self.stdout.write(f"{'Grupp':<24}{'Schablon':>16}{'Kostnad':>16}{'Differens':>16}")
        for name, line in [*result.groups.items(), ("Totalt", result.total)]:
            self.stdout.write(f"{name:<24}{format_sek(line.allocation):>16}{format_sek(line.cost):>16}"
                              f"{format_sek(line.difference):>16}")
