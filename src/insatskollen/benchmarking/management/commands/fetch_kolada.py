"""insatskollen fetch_kolada --kpi N28013,N28015 --municipality 0180,1480 --year 2023 [--base-url URL]
[--timeout S] [--save FILE]: fetch from Kolada's API when online; offline, say so."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from insatskollen.benchmarking.fetching import KoladaOffline, data_url, fetch
from insatskollen.benchmarking.kolada import KPI_CODES, NotKolada
from insatskollen.benchmarking.services import kolada_import


class Command(BaseCommand):
    help = "Hämta nyckeltal direkt från Koladas API (kräver internet) och importera dem."

    def add_arguments(self, parser):
        parser.add_argument("--kpi", default=",".join(KPI_CODES))
        parser.add_argument("--municipality", required=True, help="Kommun-id, kommaseparerade (0180 = Stockholm).")
        parser.add_argument("--year", required=True, help="År, kommaseparerade.")
        parser.add_argument("--peers", default="")
        parser.add_argument("--base-url", default=None)
        parser.add_argument("--timeout", type=float, default=None)
        parser.add_argument("--save", help="Spara svaret som JSON-fil också.")

    def handle(self, *args, **options):
        base = options["base_url"] or settings.KOLADA_BASE_URL
        timeout = options["timeout"] or settings.KOLADA_TIMEOUT
        url = data_url(base, options["kpi"].split(","), options["municipality"].split(","),
                       [int(y) for y in options["year"].split(",")])
        try:
            answer = fetch(url, timeout=timeout)
        except KoladaOffline as exc:
            raise CommandError(str(exc)) from None
        except NotKolada as exc:
            raise CommandError(f"{url}: {exc}") from None
        if options["save"]:
            with open(options["save"], "w", encoding="utf-8") as handle:
                json.dump({"count": len(answer.values), "values": [
                    {"kpi": v.kpi, "municipality": v.municipality, "period": v.year,
                     "values": [{"count": 1, "gender": v.gender, "status": v.status,
                                 "value": None if v.value is None else float(v.value)}]} for v in answer.values]},
                          handle, ensure_ascii=False)
        peers = [p.strip() for p in options["peers"].split(",") if p.strip()]
        done = kolada_import(answer=answer, source_name=url, actor=None, peers=peers)
        self.stdout.write(f"{done['values']} värden hämtade från {base}.")
