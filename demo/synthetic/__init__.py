"""A realistic synthetic data set for benchmarks, at a chosen scale.

Scale 1 is "ten years" of the programme: about 500 fairs, 100,000 exhibitors across the 75
districts, 60,000 allocations, 300,000 daily-sales rows, 50 MoUs with 5,000 history rows,
200 meetings with 3,000 action points, 125 draws of lots with the offers of places freed after
them, and 10,000 MDA claims with their steps and sanctions. The same seed gives the same data.
Rows are written with bulk inserts in large batches, keeping every invariant the services keep
(one active allocation per stall, an exhibitor once per fair, counters equal to the rows they
count, activities within their fair, a claim's amounts as its rule version admits them, a
sanction's total equal to its claims'), so the benchmarks read data the portal itself could
have written.
"""

import random

from django.db import connection, transaction

from accounts.models import User
from accounts.services import user_create
from demo.synthetic.bulk import BATCH, Sizes, _bulk
from demo.synthetic.claims import _claims
from demo.synthetic.draws import _draws
from demo.synthetic.places import _exhibitors, _fairs, _places, places_create
from demo.synthetic.reviews import _meetings, _mous
from districts.models import District

__all__ = ["BATCH", "Sizes", "_bulk", "data_generate", "places_create"]


def data_generate(*, scale: float = 1.0, seed: int = 2027) -> dict:
    """Write the data set; returns the number of rows made per model. Needs the master data."""
    sizes, rng = Sizes.at(scale), random.Random(seed)  # noqa: S311 (synthetic data)
    officer = User.objects.filter(username="bench.officer").first() or user_create(
        username="bench.officer",
        role=User.Role.CELL_OFFICER,
        password="bench-officer-2027",  # noqa: S106 (the benchmark database's login)
    )
    districts = list(District.objects.prefetch_related("products").order_by("pk"))
    with transaction.atomic():
        exhibitors = _exhibitors(sizes, rng, districts, officer)
        fairs = _fairs(sizes, rng, officer)
        _places(sizes, rng, fairs, exhibitors, officer)
        _mous(sizes, rng, officer)
        _meetings(sizes, rng, fairs, districts, officer)
        _draws(sizes, rng, fairs, exhibitors, officer)
        _claims(sizes, rng, fairs, exhibitors, officer)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would gather them: the planner needs them to
        # choose the plans the portal gets in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return sizes.made
