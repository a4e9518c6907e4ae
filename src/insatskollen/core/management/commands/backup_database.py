import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from insatskollen.core.backup import postgres_backup, sqlite_backup


class Command(BaseCommand):
    help = ("Säkerhetskopiera databasen medan systemet är i drift: SQLite med dess onlinebackup, PostgreSQL med "
            "pg_dump (format custom, för pg_restore). Återläsning: docs/operations.md.")

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="Filen som skrivs (skrivs inte över).")

    def handle(self, *args, **options):
        target: Path = options["out"]
        if target.exists():
            raise CommandError(f"{target} finns redan; välj ett nytt filnamn.")
        target.parent.mkdir(parents=True, exist_ok=True)
        settings_dict = connection.settings_dict
        try:
            if connection.vendor == "sqlite":
                sqlite_backup(Path(settings_dict["NAME"]), target)
            elif connection.vendor == "postgresql":
                postgres_backup(settings_dict, target)
            else:
                raise CommandError(f"Säkerhetskopiering stöds inte för {connection.vendor}.")
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump misslyckades: {error.stderr.strip()[:500]}") from error
        target.chmod(0o600)  # it holds personnummer
        self.stdout.write(f"Säkerhetskopian är skriven: {target} ({target.stat().st_size} byte).")
