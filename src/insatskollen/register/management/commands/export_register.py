from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.register.exporting import export_register
from insatskollen.register.models import Decision


class Command(BaseCommand):
    help = "Exportera registret i det kanoniska formatet (.xlsx eller .csv)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Filnamn som slutar på .xlsx eller .csv")

    def handle(self, *args, **options):
        path = Path(options["out"])
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Filnamnet ska sluta på .xlsx eller .csv.")
        count = export_register(Decision.objects.all(), path)
        audit_record(actor="cli", action=AuditAction.REGISTER_EXPORTED, object_type="file", object_id=path.name,
                     summary=f"{count} beslut till {path.name}")
        self.stdout.write(f"Exporterade {count} beslut till {path}.")
