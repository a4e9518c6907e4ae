from insatskollen.allocation.services import schablon_import
from insatskollen.core.import_command import ImportCommand


class Command(ImportCommand):
    help = ("Importera stadens schablon per år, insatskod och nivå (År, Insatskod, Grupp, Nivå, Belopp, Enhet) från "
            ".xlsx eller .csv. Hela filen eller inget; ett år och en kod i filen ersätter årets belopp för koden.")

    def run_import(self, path, *, dry_run, progress, options):
        return schablon_import(path, actor="cli", dry_run=dry_run, progress=progress)

    def print_imported(self, result) -> None:
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        self.stdout.write(f"{verb} {result.file_name} (schablon): {result.created} nya, {result.updated} ersatta, "
                          f"{result.unchanged} oförändrade rader.")
        if result.replaced:
            self.stdout.write(f"  Ersätter: {', '.join(result.replaced)}")
        if result.ignored_columns:
            self.stdout.write(f"  Ignorerade kolumner: {', '.join(result.ignored_columns)}")
