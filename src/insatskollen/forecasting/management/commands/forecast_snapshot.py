from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from insatskollen.core.numbers import InvalidValue, format_sek, parse_date
from insatskollen.forecasting.backtest import month_end
from insatskollen.forecasting.services import (
    CREATED,
    UNCHANGED,
    UPDATED,
    SnapshotError,
    forecast_snapshot_take,
)

OUTCOME_WORDS = {CREATED: "sparad", UNCHANGED: "oförändrad", UPDATED: "uppdaterad"}


class Command(BaseCommand):
    help = ("Sparar årets prognos per ett månadsslut med sitt underlag (tabell 1–2). --month-ends sparar varje "
            "avslutad månad av året; en redan sparad månad uppdateras bara om underlaget ändrats.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--as-of", help="ÅÅÅÅ-MM-DD; prognosen sparas per månadens sista dag")
        group.add_argument("--month-ends", action="store_true", help="alla avslutade månader av året")

    def handle(self, *args, **options):
        year = options["year"]
        if options["month_ends"]:
            today = timezone.localdate()
            days = [month_end(year, m) for m in range(1, 13) if month_end(year, m) < today]
            if not days:
                raise CommandError(f"Ingen månad av {year} är avslutad än.")
        else:
            try:
                days = [parse_date(options["as_of"])]
            except InvalidValue as exc:
                raise CommandError(f"--as-of: {exc}") from None
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
        for day in tqdm(days, desc="Prognoser", unit="månad", disable=len(days) < 2 or options["verbosity"] < 1):
            try:
                snapshot = forecast_snapshot_take(year=year, as_of=day, actor=None)
            except SnapshotError as exc:
                raise CommandError(str(exc)) from None
            counts[snapshot.outcome] += 1
            changed = f" (ändrat: {', '.join(snapshot.changed_inputs)})" if snapshot.changed_inputs else ""
            self.stdout.write(f"{snapshot.as_of}: {OUTCOME_WORDS[snapshot.outcome]}{changed}, netto "
                              f"{format_sek(snapshot.net)}, avvikelse {format_sek(snapshot.deviation)} "
                              f"({snapshot.method})")
        self.stdout.write(f"Klart: {counts[CREATED]} sparade, {counts[UPDATED]} uppdaterade, "
                          f"{counts[UNCHANGED]} oförändrade.")
