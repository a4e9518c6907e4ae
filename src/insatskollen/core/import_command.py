"""What every file-import command shares: its arguments, a tqdm bar per phase on stderr, the JSON answer, the
Swedish list of errors of a refused file, and exit code 1 for a refused file."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm


def error_text(error) -> str:
    """One error as a line: a file-level problem as such, a cell's with its row, column and value."""
    if error.row == 0:
        return f"Filen: {error.message}" if not error.column else f"{error.column} {error.value}: {error.message}"
    return f"rad {error.row}, kolumn {error.column!r}, värde {error.value!r}: {error.message}"


class ImportCommand(BaseCommand):
    unit = "rader"

    def run_import(self, path: str, *, dry_run: bool, progress, options: dict):
        """Import the file through the app's service; returns its ImportSummary."""
        raise NotImplementedError

    def print_imported(self, result) -> None:
        """The summary of an imported (or dry-run) file."""
        raise NotImplementedError

    def print_reading(self, result, out) -> None:
        """Which sheet and header row were read, what the user must know, and the rows left out, with why."""
        for note in result.notes:
            out.write(note)
        for skipped in result.skipped_rows:
            out.write(f"Rad {skipped['row']} hoppades över: {skipped['reason']} ({skipped['text']})")

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

        result = self.run_import(options["file"], dry_run=options["dry_run"], progress=progress, options=options)
        for bar in bars.values():
            bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, default=str))
        elif result.status == "refused":
            self.print_reading(result, self.stderr)
            self.stderr.write(f"Filen {result.file_name} avvisades: {len(result.errors)} fel. Inget sparades.")
            for e in result.errors:
                self.stderr.write(f"  {error_text(e)}")
        else:
            self.print_reading(result, self.stdout)
            self.print_imported(result)
        if result.status == "refused":
            sys.exit(1)
