from insatskollen.allocation.services import measurement_dates_import
from insatskollen.core.import_command import ImportCommand


class Command(ImportCommand):
    help = ("Importera mättillfällen (År, Datum, Sexmånadersregel) från .xlsx eller .csv. Ersätter mättillfällena "
            "för filens år.")

    def run_import(self, path, *, dry_run, progress, options):
        return measurement_dates_import(path, actor="cli", dry_run=dry_run, progress=progress)

    def print_imported(self, result) -> None:
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        self.stdout.write(f"{verb} {result.file_name} (mättillfällen): {result.created} nya, {result.updated} "
                          f"ersatta, {result.unchanged} oförändrade. År: {', '.join(map(str, result.years))}")
