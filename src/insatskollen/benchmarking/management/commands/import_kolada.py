"""insatskollen import_kolada FILE [--peers ID,ID]: a saved answer of Kolada's API."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insatskollen.benchmarking.kolada import NotKolada, parse_answer
from insatskollen.benchmarking.services import kolada_import


class Command(BaseCommand):
    help = "Importera nyckeltal eller kommungrupper från ett sparat svar från Koladas API (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--peers", default="", help="Jämförelsekommuner: kommun-id eller grupp-id, kommaseparerade.")

    def handle(self, *args, **options):
        peers = [p.strip() for p in options["peers"].split(",") if p.strip()]
        for name in options["files"]:
            try:
                answer = parse_answer(Path(name).read_bytes())
            except NotKolada as exc:
                raise CommandError(f"{name}: {exc}") from None
            except OSError as exc:
                raise CommandError(f"{name}: filen kan inte läsas ({exc.strerror}).") from None
            done = kolada_import(answer=answer, source_name=name, actor=None, peers=peers)
            self.stdout.write(f"{name}: {done['values']} värden, {done['municipalities']} kommuner.")
