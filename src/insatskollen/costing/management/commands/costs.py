import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_sek, parse_date
from insatskollen.costing.selectors import GROUPINGS, year_summary
from insatskollen.register.services import start_of_day


class Command(BaseCommand):
    help = "Registrets kostnad, intäkt och netto per månad för ett år, totalt och per grupp."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--by", choices=sorted(GROUPINGS))
        parser.add_argument("--as-of", dest="as_of",
                            help="Registret som det var känt vid slutet av denna dag (ÅÅÅÅ-MM-DD). Standard: nu.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        cutoff = None
        if options["as_of"]:
            try:
                as_of = parse_date(options["as_of"])
            except InvalidValue as error:
                raise CommandError(f"--as-of: {error}") from None
            cutoff = start_of_day(as_of + dt.timedelta(days=1))
        summary = year_summary(None, options["year"], by=options["by"], cutoff=cutoff)
        if options["json"]:
            self.stdout.write(json.dumps({
                "year": options["year"],
                "as_of": options["as_of"],
                "months": {m: f.as_dict() for m, f in summary.months.items()},
                "total": summary.total.as_dict(),
                "by": {k: f.as_dict() for k, f in summary.by.items()},
            }, ensure_ascii=False))
            return
        self.stdout.write(f"{'Månad':<10}{'Kostnad':>18}{'Intäkt':>18}{'Netto':>18}")
        for month, f in summary.months.items():
            self.stdout.write(f"{month:<10}{format_sek(f.cost):>18}{format_sek(f.revenue):>18}{format_sek(f.net):>18}")
        t = summary.total
        self.stdout.write(f"{'Totalt':<10}{format_sek(t.cost):>18}{format_sek(t.revenue):>18}{format_sek(t.net):>18}")
        for key, f in sorted(summary.by.items(), key=lambda kv: -kv[1].cost):
            self.stdout.write(f"  {key:<30}{format_sek(f.cost):>18}{format_sek(f.net):>18}")
