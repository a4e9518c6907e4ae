"""insatskollen export_benchmark --year YYYY [--through YYYY-MM] [--format csv|xlsx] [--out FILE]"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record
from insatskollen.benchmarking.exchange import render_csv, render_xlsx
from insatskollen.benchmarking.selectors import own_district_name, own_month_figures
from insatskollen.core.numbers import InvalidValue, parse_month


def last_day(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


class Command(BaseCommand):
    help = "Exportera enhetens nyckeltal per insatskod och månad i utbytesformatet mellan stadsdelar."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--through", help="Sista månad (YYYY-MM); standard: december eller förra månaden.")
        parser.add_argument("--district", help="Stadsdelens namn i filen; standard: enhetens namn.")
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--out", help="Fil att skriva; standard: standard ut.")

    def handle(self, *args, **options):
        year = options["year"]
        if options["through"]:
            try:
                through = last_day(parse_month(options["through"]))
            except InvalidValue as exc:
                raise CommandError(str(exc)) from None
        else:
            today = dt.date.today()
            through = dt.date(year, 12, 31) if year < today.year else today.replace(day=1) - dt.timedelta(days=1)
        district = options["district"] or own_district_name()
        figures = own_month_figures(year, through=through)
        content = (render_xlsx if options["format"] == "xlsx" else render_csv)(district, figures)
        audit_record(actor=None, action=AuditAction.DOCUMENT_EXPORTED, object_type="benchmark export",
                     object_id=str(year), summary=f"Utbytesfil {year} ({options['format']})",
                     detail={"year": year, "through": through.isoformat(), "rows": len(figures)})
        if options["out"]:
            with open(options["out"], "wb") as handle:
                handle.write(content)
            self.stdout.write(f"{len(figures)} rader skrivna till {options['out']}.")
        else:
            sys.stdout.buffer.write(content)
