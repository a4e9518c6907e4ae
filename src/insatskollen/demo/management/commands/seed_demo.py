import datetime as dt
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from insatskollen.accounts.models import Role
from insatskollen.core.numbers import format_number, format_sek
from insatskollen.costing.selectors import year_summary
from insatskollen.demo.catalogue import CASEWORKERS, DEMO_PASSWORD, STAFF, TEAMS
from insatskollen.demo.generator import generate_demo
from insatskollen.demo.ledger import demo_ledger_load
from insatskollen.demo.loader import DemoRefused, load_demo
from insatskollen.demo.work import seed_work
from insatskollen.ledger.services import default_mappings_install
from insatskollen.register.models import Client, Decision


WORK_LABELS = {
    "delegation_rules": "delegationsregler", "reviews_recorded": "registrerade omprövningar",
    "orders": "beställningar", "plans_overdue": "försenade genomförandeplaner", "renegotiations": "omförhandlade avtal",
    "fk_applications": "FK-ansökningar", "planned_events": "datum i årsplaneringen",
    "forecast_snapshots": "sparade månadsprognoser", "allocation_years": "år med schablon och mättillfällen",
    "level_requests": "begäranden om ny nivå", "special_claims": "särskilda redovisningar",
    "budget_years_from_allocation": "år där budgeten för boende och daglig verksamhet följer resursfördelningen",
    "benchmark_districts": "grannstadsdelars utbytesfiler", "survey_rounds": "enkätomgångar",
    "survey_responses": "enkätsvar",
    "transport_orders": "resebeställningar", "transport_invoices": "transportfakturor",
    "transport_errors": "felaktiga fakturarader", "ifo_flagged": "ärenden med IFO", "ifo_agreements": "delningsavtal",
    "ifo_disputes": "tvister med IFO",
}


class PhaseProgress:
    """One tqdm bar per phase on stderr, fed by the loader's (phase, done, total) callback."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = None
        self.phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total, desc=phase, unit="st", file=sys.stderr, leave=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = ("Skapar en demoenhet med klienter, beslut och flera års historik, efter 2007 års granskning. "
            "Samma frö ger samma data.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Slumpfrö (samma frö ger samma data).")
        parser.add_argument("--clients", type=int, default=700, help="Ungefärligt antal aktiva klienter i dag.")
        parser.add_argument("--years", type=int, default=4, help="Antal års historik fram till i dag.")
        parser.add_argument("--force", action="store_true",
                            help="Radera registret (beslut, klienter, avtal, utförare, insatstyper) först.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Skapa demodata bara om registret är tomt; annars visa inloggningarna och avsluta.")

    def handle(self, *args, **options):
        if options["clients"] < 1 or options["years"] < 1:
            raise CommandError("--clients och --years måste vara minst 1.")
        if options["if_empty"] and not options["force"] and Decision.objects.exists():
            self.stdout.write("Registret har redan beslut; ingen ny demodata skapas.")
            self.print_logins()
            return
        started = time.monotonic()
        # Today, but never a day ahead of Stockholm's date: every version must be known by now.
        today = min(dt.date.today(), timezone.localdate())
        data = generate_demo(seed=options["seed"], clients=options["clients"], years=options["years"], today=today)
        progress = PhaseProgress(enabled=options["verbosity"] > 0)
        try:
            counts = load_demo(data, force=options["force"], progress=progress)
            default_mappings_install()
            counts.update(demo_ledger_load(data, progress=progress))
            work = seed_work(today=today, seed=options["seed"], progress=progress)
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        finally:
            progress.close()
        self.report(data, counts, today, time.monotonic() - started, work)

    def report(self, data, counts, today: dt.date, seconds: float, work: dict[str, int]) -> None:
        write = self.stdout.write
        active = Decision.objects.filter(start_date__lte=today).exclude(end_date__lt=today)
        active_clients = Client.objects.filter(decisions__in=active).distinct().count()
        if counts["deleted_decisions"]:
            write(f"Raderade det tidigare registret ({format_number(counts['deleted_decisions'])} beslut).")
        write(self.style.SUCCESS(
            f"Demodata skapad på {format_number(seconds, 1)} s (frö {data.seed}, historik "
            f"{data.history_start.isoformat()} – {today.isoformat()})."))
        write(f"  Klienter: {format_number(counts['clients'])}, varav {format_number(active_clients)} aktiva i dag")
        write(f"  Aktiva beslut i dag: {format_number(active.count())} (totalt {format_number(counts['decisions'])} "
              f"beslut med {format_number(counts['versions'])} versioner, {format_number(counts['contracts'])} avtal)")
        figures = year_summary(Decision.objects.all(), today.year).total
        write(f"  Kostnad {today.year}: {format_sek(figures.cost)} brutto, {format_sek(figures.revenue)} intäkter, "
              f"{format_sek(figures.net)} netto")
        write(f"  Huvudbok: {format_number(counts['ledger_entries'])} bokningar för {counts['ledger_months']} månader; "
              f"budget: {format_number(counts['budget_lines'])} budgetrader")
        if data.full_years:
            nets = ", ".join(f"{year}: {format_sek(year_summary(Decision.objects.all(), year).total.net)}"
                             for year in data.full_years)
            write(f"  Nettokostnad per helt år: {nets}")
        write("  Pågående arbete: " + ", ".join(f"{format_number(n)} {WORK_LABELS.get(name, name)}"
                                               for name, n in work.items() if name in WORK_LABELS))
        self.print_logins()

    def print_logins(self) -> None:
        write = self.stdout.write
        write(f"Inloggning (samma lösenord för alla demoanvändare: {DEMO_PASSWORD}):")
        for user in STAFF:
            write(f"  {user.username:<12} {Role(user.role).label}")
        for code, name in TEAMS:
            names = ", ".join(u.username for u in CASEWORKERS if u.team_code == code)
            write(f"  Handläggare, {name}: {names}")
