"""What import_ledger and import_budget share beyond every import command's: the summary of an imported file."""

from __future__ import annotations

from insatskollen.core.import_command import ImportCommand
from insatskollen.core.numbers import format_sek


class FileImportCommand(ImportCommand):
    what = ""  # "utfall" | "budget"

    def print_imported(self, result) -> None:
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
