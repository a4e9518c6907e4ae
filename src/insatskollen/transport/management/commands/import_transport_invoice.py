from insatskollen.core.import_command import ImportCommand
from insatskollen.core.numbers import format_sek
from insatskollen.transport.importing.service import transport_invoice_import


class Command(ImportCommand):
    help = ("Importera transportörens fakturor för turbundna resor (Fakturanummer, Transportör, Fakturadatum, "
            "Personnummer, Resdatum, Antal resor, Belopp, Avtal) från .xlsx eller .csv och stäm av dem mot "
            "resebeställningarna. Hela filen eller inget; en faktura som redan är importerad avvisas.")

    def run_import(self, path, *, dry_run, progress, options):
        return transport_invoice_import(path, actor="cli", dry_run=dry_run, progress=progress)

    def print_imported(self, result) -> None:
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        self.stdout.write(f"{verb} {result.file_name}: {len(result.invoices)} fakturor, {result.rows} rader.")
        for inv in result.invoices:
            self.stdout.write(f"  {inv['carrier']} {inv['number']} ({inv['invoice_date']}): "
                              f"{format_sek(inv['amount'])} fakturerat, {format_sek(inv['accepted'])} godkänt, "
                              f"{format_sek(inv['disputed'])} bestrids ({inv['flagged_lines']} rader med avvikelser)")
        if result.new.get("carriers"):
            self.stdout.write(f"  Nya transportörer: {', '.join(result.new['carriers'])}")
        if result.ignored_columns:
            self.stdout.write(f"  Ignorerade kolumner: {', '.join(result.ignored_columns)}")
