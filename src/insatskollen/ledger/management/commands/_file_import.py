"""What import_ledger and import_budget share: arguments, a tqdm bar per phase on stderr, the summary, exit code."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from insatskollen.core.numbers import format_sek


class FileImportCommand(BaseCommand):
    what = ""  # "utfall" | "budget"
    unit = "rader"

    def run_import(self, path: str, *, dry_run: bool, progress):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle ändras, spara inget.")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        bars: dict[str, tqdm] = {}

        def progress(phase: str, done: int, total: int) -> None:
            bar = bars.get(phase)
            if bar is None:
                bar = bars[phase] = tqdm(total=total, desc=phase, unit=self.unit, file=sys.stderr, leave=False,
                                         disable=options["no_progress"] or None)
            bar.update(done - bar.n)

        result = self.run_import(options["file"], dry_run=options["dry_run"], progress=progress)
        for bar in bars.values():
            bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, default=str))
        else:
            self.print_summary(result)
        if result.status == "refused":
            sys.exit(1)

    def print_summary(self, result) -> None:
        if result.status == "refused":
            self.stderr.write(f"Filen {result.file_name} avvisades: {len(result.errors)} fel. Inget sparades.")
            for e in result.errors:
                self.stderr.write(f"  rad {e.row}, kolumn {e.column!r}, värde {e.value!r}: {e.message}")
            return
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        scope = "perioder" if result.kind == "ledger" else "år"
        self.stdout.write(f"{verb} {result.file_name} ({self.what}): {result.created} nya, {result.updated} ersatta, "
                          f"{result.unchanged} oförändrade rader.")
        self.stdout.write(f"  {scope.capitalize()} i filen: {', '.join(result.periods)}")
        if result.replaced:
            self.stdout.write(f"  {scope.capitalize()} som ersätter tidigare rader: {', '.join(result.replaced)}")
        labels = {"cost": "kostnader", "revenue": "intäkter", "ignore": "utanför uppföljningen"}
        totals = ", ".join(f"{labels.get(key, key)} {format_sek(value)}" for key, value in result.totals.items())
        if totals:
            self.stdout.write(f"  Summa: {totals}")
        for kind, names in result.new.items():
            if names and kind == "activities":
                self.stdout.write(f"  Verksamheter utan insatskod eller mappning: {', '.join(names)}")
        if result.ignored_columns:
            self.stdout.write(f"  Ignorerade kolumner: {', '.join(result.ignored_columns)}")
