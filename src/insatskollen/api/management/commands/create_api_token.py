from django.core.management.base import BaseCommand, CommandError

from insatskollen.accounts.models import User
from insatskollen.api.services import api_token_create


class Command(BaseCommand):
    help = "Skapa en API-nyckel för en användare. Nyckeln visas bara en gång."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Användarnamn.")
        parser.add_argument("--name", required=True, help="Vad nyckeln används till, t.ex. 'Rapportverktyg'.")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Användaren {options['user']!r} finns inte.")
        if not user.is_active:
            raise CommandError(f"Användaren {options['user']!r} är inaktiverad.")
        if not options["name"].strip():
            raise CommandError("Ange ett namn för nyckeln.")
        token, key = api_token_create(user=user, name=options["name"], actor="cli")
        self.stderr.write(f"API-nyckel {token.name!r} skapad för {user.username}. Spara den nu, den visas inte igen:")
        self.stdout.write(key)
