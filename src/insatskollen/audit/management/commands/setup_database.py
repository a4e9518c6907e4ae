import os

from django.core.management.base import BaseCommand, CommandError

from insatskollen.audit.database_roles import plan_from_environment, setup_database


class Command(BaseCommand):
    help = ("Skapa (eller rätta) PostgreSQL-roller för drift: en ägarroll för migrate och en driftroll som inte "
            "äger något och bara får läsa och lägga till i loggen. Körs med en administratörs anslutning; kan köras "
            "om, och ska köras igen efter varje migrate. Lösenord läses från INSATSKOLLEN_DB_OWNER_PASSWORD och "
            "INSATSKOLLEN_DB_RUNTIME_PASSWORD.")

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default=os.environ.get("INSATSKOLLEN_DB_ADMIN_URL", ""),
                            help="Administratörens anslutning, t.ex. postgres://postgres@127.0.0.1:5432/postgres "
                                 "(standard: INSATSKOLLEN_DB_ADMIN_URL).")
        parser.add_argument("--database", default="insatskollen")
        parser.add_argument("--owner", default="insatskollen_owner")
        parser.add_argument("--runtime", default="insatskollen_app")

    def handle(self, *args, **options):
        url = options["admin_url"]
        if not url.startswith(("postgres://", "postgresql://")):
            raise CommandError("--admin-url: ange en PostgreSQL-anslutning (postgres://…) för en administratör.")
        if options["owner"] == options["runtime"]:
            raise CommandError("Ägarrollen och driftrollen måste vara olika roller.")
        plan = plan_from_environment(url, options["database"], options["owner"], options["runtime"])
        try:
            done = setup_database(plan)
        except Exception as error:  # psycopg's errors carry the server's message
            raise CommandError(f"Databasen kunde inte sättas upp: {error}") from error
        for line in done:
            self.stdout.write(f"- {line}")
        self.stdout.write(f"Klart. migrate: DATABASE_URL=postgres://{plan.owner}@…/{plan.database}; "
                          f"webbserver och worker: DATABASE_URL=postgres://{plan.runtime}@…/{plan.database}")
