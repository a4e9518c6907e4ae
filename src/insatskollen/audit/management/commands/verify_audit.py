import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insatskollen.audit.verification import audit_verify, checkpoint_read, checkpoint_write


class Command(BaseCommand):
    help = ("Kontrollera loggens kontrollsummekedja: en ändrad, borttagen eller tillagd rad bryter kedjan, och den "
            "första brutna raden nämns. Avslutas med kod 1 om kedjan är bruten.")

    def add_arguments(self, parser):
        parser.add_argument("--checkpoint", type=Path, help=(
            "Fil utanför databasen med loggens senaste rad från förra kontrollen: den måste finnas kvar oförändrad "
            "(annars syns inte att loggens slut tagits bort). Skrivs om med den nya senaste raden när kedjan är hel."))
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        path = options["checkpoint"]
        result = audit_verify(checkpoint=checkpoint_read(path) if path else None)
        if options["json"]:
            self.stdout.write(json.dumps({
                "ok": result.ok, "rows": result.rows, "head_id": result.head_id, "head_hash": result.head_hash,
                "broken": None if result.ok else {"row_id": result.broken.row_id, "kind": result.broken.kind,
                                                  "message": result.broken.message}}))
        if not result.ok:
            raise CommandError(f"Loggen är bruten vid rad {result.broken.row_id}. {result.broken.message} "
                               f"({result.rows} rader före den är hela.)", returncode=1)
        if path:
            checkpoint_write(path, result)
        if not options["json"]:
            self.stdout.write(f"Loggen är hel: {result.rows} rader, senaste rad {result.head_id}, "
                              f"kontrollsumma {result.head_hash}.")
