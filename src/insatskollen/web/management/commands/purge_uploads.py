"""`insatskollen purge_uploads [--hours H] [--dry-run]`: delete uploaded files left behind (previewed but never
imported) after the retention, 24 hours by default. Run it from cron, e.g. hourly."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from insatskollen.web.uploads import purge_uploads


class Command(BaseCommand):
    help = "Tar bort uppladdade filer som är äldre än lagringstiden (standard 24 timmar)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=None,
                            help="Ta bort filer äldre än så många timmar (standard: INSATSKOLLEN_UPLOAD_RETENTION_HOURS).")
        parser.add_argument("--dry-run", action="store_true", help="Visa bara vad som skulle tas bort.")

    def handle(self, *args, **options):
        result = purge_uploads(older_than_hours=options["hours"], dry_run=options["dry_run"])
        verb = "Skulle ta bort" if options["dry_run"] else "Tog bort"
        self.stdout.write(f"{verb} {len(result.deleted)} uppladdade filer; {result.kept} kvar.")
