import json

from django.core.management.base import BaseCommand

from insatskollen.core.numbers import format_sek
from insatskollen.costing.selectors import GROUPINGS, year_summary
from insatskollen.register.models import Decision


class Command(BaseCommand):
    help = "Registrets kostnad, intäkt och netto per månad för ett år, totalt och per grupp."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--by", choices=sorted(GROUPINGS))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        summary = year_summary(Decision.objects.all(), options["year"], by=options["by"])
        if options["json"]:
            self.stdout.write(json.dumps({
                "year": options["year"],
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
