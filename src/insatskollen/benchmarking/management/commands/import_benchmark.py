"""insatskollen import_benchmark FILE [--dry-run] [--json]: another district's exchange file."""

from __future__ import annotations

from insatskollen.benchmarking.services import exchange_import
from insatskollen.core.import_command import ImportCommand


class Command(ImportCommand):
    help = "Importera en annan stadsdels utbytesfil (docs/benchmark-exchange.md) till jämförelsen."

    def run_import(self, path, *, dry_run, progress, options):
        return exchange_import(path=path, actor=None, dry_run=dry_run)

    def print_imported(self, result) -> None:
        verb = "skulle importeras" if result.status == "dry-run" else "importerade"
        self.stdout.write(f"{result.district}: {result.rows} rader {verb} ({', '.join(result.months)}).")
