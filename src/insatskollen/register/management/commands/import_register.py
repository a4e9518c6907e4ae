from django.core.management.base import CommandError

from insatskollen.core.import_command import ImportCommand
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import MappingProfile


class Command(ImportCommand):
    help = "Importera registret över beslut (vårdkostnadsfilen) från .xlsx eller .csv. Hela filen eller inget."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--profile", help="Namn på en importprofil för andra kolumnnamn.")

    def run_import(self, path, *, dry_run, progress, options):
        profile = None
        if options["profile"]:
            try:
                profile = MappingProfile.objects.get(name=options["profile"]).columns
            except MappingProfile.DoesNotExist:
                raise CommandError(f"Importprofilen {options['profile']!r} finns inte.") from None
        return register_import(path, actor="cli", dry_run=dry_run, profile=profile, progress=progress)

    def print_imported(self, result):
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
