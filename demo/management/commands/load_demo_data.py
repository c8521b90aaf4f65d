from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import User
from accounts.services import user_create
from demo.claims import claims_demo_load
from demo.fairs import fair_demo_load
from demo.mous import mou_demo_load
from demo.passes import passes_demo_load
from demo.reviews import review_demo_load
from districts.models import District

DEMO_PASSWORD = "odop-demo-2027"  # noqa: S105 (printed demo login; DEBUG or staging only)

DEMO_USERS = [
    {
        "username": "cell.officer",
        "role": User.Role.CELL_OFFICER,
        "first_name": "Anita",
        "last_name": "Verma",
        "designation": "Joint Commissioner, ODOP Cell",
    },
    {
        "username": "lucknow.staff",
        "role": User.Role.DISTRICT_STAFF,
        "district": "Lucknow",
        "first_name": "Rakesh",
        "last_name": "Srivastava",
        "designation": "Deputy Commissioner, District Industries Centre, Lucknow",
    },
    {
        "username": "varanasi.staff",
        "role": User.Role.DISTRICT_STAFF,
        "district": "Varanasi",
        "first_name": "Shalini",
        "last_name": "Mishra",
        "designation": "Deputy Commissioner, District Industries Centre, Varanasi",
    },
    {
        "username": "principal.secretary",
        "role": User.Role.PRINCIPAL_SECRETARY,
        "first_name": "Alok",
        "last_name": "Kumar",
        "designation": "Principal Secretary, MSME & Export Promotion",
    },
]


class Command(BaseCommand):
    help = (
        "Create the demo users (with a known password), fairs, MoUs and meetings. Safe to run "
        "again. On the embedded default only, unless --staging-database names the database of "
        "a staging or training installation; never on the real one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staging-database",
            metavar="NAME",
            help=(
                "With production settings (DEBUG off), load the demo anyway into this staging "
                "or training database: NAME must be the configured database's name, exactly."
            ),
        )

    def handle(self, *args, **options):
        self._check_allowed(options["staging_database"])
        if not District.objects.exists():
            raise CommandError("Load the master data first: manage.py load_master_data")
        for spec in DEMO_USERS:
            spec = dict(spec)
            district = spec.pop("district", None)
            if User.objects.filter(username=spec["username"]).exists():
                continue
            user_create(
                **spec,
                district=District.objects.get(name_en=district) if district else None,
                email=f"{spec['username']}@odop.example",
                password=DEMO_PASSWORD,
            )
        users = {
            user.username: user
            for user in User.objects.filter(username__in=[u["username"] for u in DEMO_USERS])
        }
        officer = users["cell.officer"]
        staff = {u.district_id: u for u in users.values() if u.district_id}
        fair_demo_load(officer=officer, staff=staff)
        claims_demo_load(officer=officer, staff=staff)
        passes_demo_load(officer=officer)
        mou_demo_load(officer=officer)
        review_demo_load(officer=officer, principal_secretary=users["principal.secretary"])
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for spec in DEMO_USERS:
            where = f", {spec['district']}" if "district" in spec else ""
            self.stdout.write(f"  {spec['username']:<22} {spec['role'].label}{where}")

    def _check_allowed(self, staging_database: str | None) -> None:
        """Demo users with a published password must never reach the real installation."""
        if settings.DEBUG:
            return
        if not staging_database:
            raise CommandError(
                "Demo data is only for the embedded default (DJANGO_DEBUG=true), or for a "
                "staging or training database named with --staging-database."
            )
        configured = str(connection.settings_dict["NAME"])
        if staging_database != configured:
            raise CommandError(
                f"--staging-database {staging_database!r} is not the configured database "
                f"({configured!r}); nothing was loaded."
            )
        self.stderr.write(
            f"Loading demo data with production settings into {configured!r}: a staging or "
            "training database, never the real one."
        )
