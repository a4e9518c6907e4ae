from insatskollen.ledger.management.commands._file_import import FileImportCommand
from insatskollen.ledger.services import ledger_import


class Command(FileImportCommand):
    help = ("Importera utfall från ekonomisystemet (huvudbok) från .xlsx eller .csv. Hela filen eller inget; "
            "en period som levereras igen ersätter periodens tidigare bokningar.")
    what = "utfall"

    def run_import(self, path, *, dry_run, progress, options):
        return ledger_import(path, actor="cli", dry_run=dry_run, progress=progress)
