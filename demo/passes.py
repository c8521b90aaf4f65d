"""Demo data for letters and passes: every place given at Surajkund and Dilli Haat has its
letter-and-pass code, so their verification pages answer and the letters print at once.
The PDFs themselves are prepared when someone asks (the fair's page → Letters and passes)."""

from passes.services import credential_issue
from stalls.models import Allocation

FAIRS = ["Surajkund International Crafts Fair", "Dilli Haat ODOP Exhibition"]


def passes_demo_load() -> int:
    places = Allocation.objects.active().filter(fair__name_en__in=FAIRS, credential__isnull=True)
    count = 0
    for place in places.select_related("stall").order_by("pk"):
        credential_issue(allocation=place)
        count += 1
    return count
