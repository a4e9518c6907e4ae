import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import MappingProfile


class Command(BaseCommand):
    help = "Importera registret över beslut (vårdkostnadsfilen) från .xlsx eller .csv. Hela filen eller inget."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle ändras, spara inget.")
        parser.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
        parser.add_argument("--profile", help="Namn på en importprofil för andra kolumnnamn.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        profile = None
        if options["profile"]:
            try:
                profile = MappingProfile.objects.get(name=options["profile"]).columns
            except MappingProfile.DoesNotExist:
                raise CommandError(f"Importprofilen {options['profile']!r} finns inte.") from None
        bars: dict[str, tqdm] = {}

        def progress(phase: str, done: int, total: int) -> None:
            bar = bars.get(phase)
            if bar is None:
                bar = bars[phase] = tqdm(total=total, desc=phase, unit="rader", file=sys.stderr, leave=False,
                                         disable=options["no_progress"] or None)
            bar.update(done - bar.n)

        result = register_import(options["file"], actor="cli", dry_run=options["dry_run"], profile=profile,
                                 progress=progress)
        for bar in bars.values():
            bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, default=str))
        else:
            self._print(result)
        if result.status == "refused":
            sys.exit(1)

    def _print(self, result):
        if result.status == "refused":
            self.stderr.write(f"Filen {result.file_name} avvisades: {len(result.errors)} fel. Inget sparades.")
            for e in result.errors:
                self.stderr.write(f"  rad {e.row}, kolumn {e.column!r}, värde {e.value!r}: {e.message}")
            return
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        self.stdout.write(f"{verb} {result.file_name}: {result.created} nya, {result.updated} ändrade, "
                          f"{result.unchanged} oförändrade beslut.")
        for kind, names in result.new.items():
            if names:
                self.stdout.write(f"  Nya {kind}: {len(names)} ({', '.join(names[:5])}{' …' if len(names) > 5 else ''})")
        if result.ignored_columns:
            self.stdout.write(f"  Ignorerade kolumner: {', '.join(result.ignored_columns)}")
        for change in result.changes[:20]:
            self.stdout.write(f"  {change['decision']} (rad {change['row']}): " + ", ".join(
                f"{k} {v[0]} → {v[1]}" for k, v in change["changes"].items()))
