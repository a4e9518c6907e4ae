import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, parse_month
from insatskollen.ledger.closing import month_close, month_name


class Command(BaseCommand):
    help = ("Stäng en månad när huvudboken är inläst. Stängda månaders rapporter läser registret som det var känt vid "
            "stängningen; ändringar som påverkar dem är rättelser.")

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Månaden, ÅÅÅÅ-MM.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"])
        except InvalidValue as error:
            raise CommandError(f"--month: {error}") from None
        try:
            closed = month_close(month=month, actor="cli")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["json"]:
            self.stdout.write(json.dumps({"month": f"{closed.month:%Y-%m}", "closed_at": closed.closed_at.isoformat()}))
        else:
            self.stdout.write(f"{month_name(closed.month).capitalize()} är stängd.")
