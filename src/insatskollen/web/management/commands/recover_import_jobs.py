from django.core.management.base import BaseCommand

from insatskollen.web.job_queue import recover_stale_jobs


class Command(BaseCommand):
    help = ("Starta om importer vars arbetsprocess har stannat (inget livstecken på INSATSKOLLEN_IMPORT_JOB_STALE_"
            "SECONDS sekunder), eller markera dem som misslyckade efter INSATSKOLLEN_IMPORT_JOB_MAX_ATTEMPTS försök. "
            "Körs av ./scripts/start och gärna från cron.")

    def handle(self, *args, **options):
        done = recover_stale_jobs()
        for job_id, outcome in done:
            self.stdout.write(f"Import {job_id}: {'startas om' if outcome == 'restarted' else 'misslyckades'}")
        if not done:
            self.stdout.write("Inga avbrutna importer.")
