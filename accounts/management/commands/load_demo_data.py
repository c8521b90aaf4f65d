from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import user_create
from districts.models import District
from mous.demo import mou_demo_load
from reviews.demo import review_demo_load
from stalls.demo import fair_demo_load

DEMO_PASSWORD = "odop-demo-2027"  # noqa: S105 (printed demo login, DEBUG only)

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
    help = "Create the demo users, fairs and MoUs (embedded default only). Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is only for the embedded default (DJANGO_DEBUG=true).")
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
        mou_demo_load(officer=officer)
        review_demo_load(officer=officer, principal_secretary=users["principal.secretary"])
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for spec in DEMO_USERS:
            where = f", {spec['district']}" if "district" in spec else ""
            self.stdout.write(f"  {spec['username']:<22} {spec['role'].label}{where}")
