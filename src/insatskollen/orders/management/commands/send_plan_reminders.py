import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insatskollen.core.numbers import InvalidValue, parse_date
from insatskollen.orders.services import plan_reminders_send


class Command(BaseCommand):
    help = ("Påminn handläggarna om genomförandeplaner som inte kommit in i tid (i appen och per e-post). "
            "Kör dagligen; samma beställning påminns aldrig två gånger till samma person.")

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="ÅÅÅÅ-MM-DD (standard: i dag)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            as_of = parse_date(options["as_of"]) if options["as_of"] else timezone.localdate()
        except InvalidValue as exc:
            raise CommandError(f"--as-of: {exc}") from None
        counts = plan_reminders_send(as_of=as_of)
        if options["json"]:
            self.stdout.write(json.dumps({"as_of": as_of.isoformat(), **counts}))
            return
        self.stdout.write(f"Per {as_of.isoformat()}: {counts['overdue']} försenade genomförandeplaner, "
                          f"{counts['notified']} nya påminnelser till {counts['recipients']} personer, "
                          f"{counts['emails']} e-postmeddelanden.")
