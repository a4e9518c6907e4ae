import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from insatskollen.contracts.indexation import indexation_plan, prices_index, read_price_list
from insatskollen.core.import_command import error_text
from insatskollen.core.numbers import InvalidValue, format_sek, parse_decimal
from insatskollen.register.models import ChangeSource, Contract


class Command(BaseCommand):
    help = ("Januariindexering: nya priser från 1 januari, med en procentsats eller en prislista, för alla beslut, "
            "ett avtal eller en insatskod. December behåller förra årets pris.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        how = parser.add_mutually_exclusive_group(required=True)
        how.add_argument("--percent", help="T.ex. 2,5 för 2,5 procent.")
        how.add_argument("--price-list", dest="price_list", help="En .csv/.xlsx med Pris och Insatskod/Avtal (Nivå).")
        parser.add_argument("--contract", help="Bara detta avtals beslut (avtalsreferens).")
        parser.add_argument("--code", default="", help="Bara denna insatskod.")
        parser.add_argument("--reason", default="", help="Skäl, om 1 januari ligger i en stängd månad.")
        parser.add_argument("--dry-run", action="store_true", help="Visa effekten, ändra inget.")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        percent = price_list = contract = None
        if options["percent"] is not None:
            try:
                percent = parse_decimal(options["percent"])
            except InvalidValue as error:
                raise CommandError(f"--percent: {error}") from None
        else:
            price_list, errors = read_price_list(options["price_list"])
            if errors:
                raise CommandError("Prislistan avvisades: " + "; ".join(error_text(e) for e in errors[:10]))
        if options["contract"]:
            contract = Contract.objects.filter(reference=options["contract"]).first()
            if contract is None:
                raise CommandError(f"Avtalet {options['contract']!r} finns inte.")
        try:
            plan = indexation_plan(year=options["year"], percent=percent, price_list=price_list, contract=contract,
                                   code=options["code"])
            changed = 0 if options["dry_run"] else prices_index(plan=plan, actor="cli", reason=options["reason"],
                                                                  source=ChangeSource.COMMAND)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["json"]:
            self.stdout.write(json.dumps({
                "year": plan.year, "valid_from": plan.valid_from.isoformat(), "description": plan.description,
                "dry_run": options["dry_run"], "decisions": len(plan.items), "changed": changed,
                "effect": float(plan.effect),
                "items": [{"decision": i.decision.label, "price_then": float(i.price_then), "price": float(i.price),
                           "effect": float(i.effect)} for i in plan.items]}, ensure_ascii=False))
            return
        verb = "Skulle ändra" if options["dry_run"] else "Ändrade"
        self.stdout.write(f"{plan.description}: {verb} priset från {plan.valid_from} för {len(plan.items)} beslut; "
                          f"effekt på {plan.year}: {format_sek(plan.effect)}.")
        for item in plan.items[:20]:
            self.stdout.write(f"  {item.decision.label}: {item.price_then} → {item.price} kr ({format_sek(item.effect)})")
