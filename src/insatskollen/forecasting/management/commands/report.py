"""The committee report as a file. It lives with the forecast because the report carries the forecast of its
date (forecasting.report_forecast); the report's own data is built in followup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insatskollen.core.numbers import InvalidValue, parse_month
from insatskollen.followup.render_html import render_report_html
from insatskollen.followup.render_pdf import render_report_pdf
from insatskollen.followup.render_xlsx import render_report_xlsx
from insatskollen.followup.report import build_report
from insatskollen.followup.shown import in_kronor
from insatskollen.forecasting.report_forecast import with_forecast

RENDERERS = {
    "pdf": lambda report: render_report_pdf(report),
    "xlsx": lambda report: render_report_xlsx(report),
    "html": lambda report: render_report_html(report).encode("utf-8"),
}


class Command(BaseCommand):
    help = "Månadsrapport (eller tertialrapport) till nämnden som PDF, xlsx eller HTML."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="Rapportmånad, ÅÅÅÅ-MM.")
        parser.add_argument("--format", required=True, choices=sorted(RENDERERS))
        parser.add_argument("--out", required=True, help="Fil att skriva rapporten till.")
        parser.add_argument("--tertial", type=int, choices=[1, 2],
                            help="Tertialrapport: 1 = januari–april, 2 = januari–augusti (året tas från --month).")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"])
        except InvalidValue as exc:
            raise CommandError(str(exc)) from None
        report = in_kronor(with_forecast(build_report(month, tertial=options["tertial"])))
        content = RENDERERS[options["format"]](report)
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kunde inte skriva {out}: {exc.strerror}") from None
        self.stdout.write(f"{report.title}: {out} ({len(content)} byte)")
