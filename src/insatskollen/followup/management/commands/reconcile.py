import json

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, format_number, format_sek, parse_month
from insatskollen.followup.reconciliation import CATEGORIES, CATEGORY_LABELS, CodeReconciliation, as_json
from insatskollen.followup.selectors import reconcile_month

COLUMNS = [("Register", 15), ("Huvudbok", 15), ("Differens", 14)] + [(CATEGORY_LABELS[c], 20) for c in CATEGORIES]


class Command(BaseCommand):
    help = ("Avstämning av registrets kostnad mot huvudbokens för en månad, per insatskod, med differensen "
            "uppdelad i periodisering, tidsförskjutning, bokat utan beslut, beslut utan bokning och prisskillnad.")

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, metavar="YYYY-MM")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"])
        except InvalidValue as exc:
            raise CommandError(str(exc)) from None
        result = reconcile_month(month)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False))
            return
        self.stdout.write(f"Avstämning {month:%Y-%m}: registrets kostnad mot huvudbokens kostnad")
        self.stdout.write("Kod     " + "".join(label.rjust(width) for label, width in COLUMNS))
        for code, part in result.by_code.items():
            self.stdout.write(self.line(code or "(utan)", part))
        self.stdout.write(self.line("Summa", result.total))
        quality = result.data_quality
        if quality is None:
            self.stdout.write("Datakvalitet: ingen kostnad i huvudboken denna månad.")
        else:
            self.stdout.write(f"Datakvalitet: {format_number(quality * 100, 1)} % av huvudbokens kostnad "
                              "är kopplad till beslut i registret.")

    @staticmethod
    def line(label: str, part: CodeReconciliation) -> str:
        amounts = [part.register_cost, part.ledger_cost, part.gap] + [getattr(part.categories, c) for c in CATEGORIES]
        return f"{label:<8}" + "".join(format_sek(a).rjust(w) for a, (_, w) in zip(amounts, COLUMNS))
