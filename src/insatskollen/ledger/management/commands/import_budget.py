from insatskollen.ledger.management.commands._file_import import FileImportCommand
from insatskollen.ledger.services import budget_import


class Command(FileImportCommand):
    help = ("Importera nettobudget (År, Verksamhet, Månad, Belopp) från .xlsx eller .csv. Hela filen eller inget; "
            "ersätter den ursprungliga budgeten för filens år, tilläggsbudgetar behålls.")
    what = "budget"

    def run_import(self, path, *, dry_run, progress, options):
        return budget_import(path, actor="cli", dry_run=dry_run, progress=progress)
