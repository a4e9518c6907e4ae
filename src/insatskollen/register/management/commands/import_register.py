from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import CommandError

from insatskollen.core.import_command import ImportCommand
from insatskollen.core.numbers import InvalidValue, parse_date
from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision, MappingProfile


NEW_KINDS = {"clients": "klienter", "caseworkers": "handläggare", "intervention_types": "insatstyper",
             "providers": "utförare", "contracts": "avtal"}


def label(name: str) -> str:
    """A register field as the file and the UI name it: "pris", "slutdatum", "utförare"."""
    try:
        return str(Decision._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class Command(ImportCommand):
    help = ("Importera registret över beslut (vårdkostnadsfilen) från .xlsx, .xls, .ods, .csv eller .txt. Hela filen "
            "eller inget.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--profile", help="Namn på en importprofil för andra kolumnnamn.")
        parser.add_argument("--as-of", dest="as_of", help=(
            "Dagen filen visar registret för (ÅÅÅÅ-MM-DD, standard i dag): ändringarna blev kända då och gäller "
            "från den dagen om raden inte har Gäller från."))
        parser.add_argument("--reason", default="", help="Skälet, om filen rättar stängda månader.")
        parser.add_argument("--sheet", help=("Bladet som ska läsas (standard: bladet Register eller "
                                             "Vårdkostnadsfil, annars det första med innehåll)."))

    def run_import(self, path, *, dry_run, progress, options):
        profile = None
        if options["profile"]:
            try:
                profile = MappingProfile.objects.get(name=options["profile"]).columns
            except MappingProfile.DoesNotExist:
                raise CommandError(f"Importprofilen {options['profile']!r} finns inte.") from None
        as_of = None
        if options["as_of"]:
            try:
                as_of = parse_date(options["as_of"])
            except InvalidValue as error:
                raise CommandError(f"--as-of: {error}") from None
        return register_import(path, actor="cli", dry_run=dry_run, profile=profile, progress=progress, as_of=as_of,
                               correction_reason=options["reason"], sheet=options["sheet"])

    def print_imported(self, result):
        verb = "Skulle importera" if result.status == "dry-run" else "Importerade"
        self.stdout.write(f"{verb} {result.file_name}: {result.created} nya, {result.updated} ändrade, "
                          f"{result.unchanged} oförändrade beslut.")
        for kind, names in result.new.items():
            if names:
                self.stdout.write(f"  Nya {NEW_KINDS.get(kind, kind)}: {len(names)} "
                                  f"({', '.join(names[:5])}{' …' if len(names) > 5 else ''})")
        if result.ignored_columns:
            self.stdout.write(f"  Ignorerade kolumner: {', '.join(result.ignored_columns)}")
        if result.corrections:
            self.stdout.write(f"  Rättelser av stängda månader: {result.corrections}")
        for change in result.changes[:20]:
            since = f" från {change['valid_from']}" if change.get("valid_from") else ""
            self.stdout.write(f"  {change['decision']} (rad {change['row']}): " + ", ".join(
                f"{label(k)} {'–' if v[0] in (None, '') else v[0]} → {'–' if v[1] in (None, '') else v[1]}"
                for k, v in change["changes"].items()) + since)
