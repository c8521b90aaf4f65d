"""The divisions, districts and ODOP products as read-only lists, kept in the cache.

Master data changes only when the loader runs or the cell edits it in the admin, yet pages
that set records against every district and product (fair coverage, the dashboard's map and
ranking, the status report) need all of it. They read these lists: one cache read instead of
two queries. Saving or deleting a division, district or product drops the cached lists, so the
next reader builds them again from the database.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from districts.models import District, Division, Product

CACHE_KEY = "districts:master-data:v1"
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class MasterData:
    districts: list  # District with its division, by English name
    products: list  # Product with its district, by district name


def master_data() -> MasterData:
    data = cache.get(CACHE_KEY)
    if data is None:
        data = MasterData(
            districts=list(District.objects.select_related("division").order_by("name_en", "pk")),
            products=list(
                Product.objects.select_related("district").order_by("district__name_en", "pk")
            ),
        )
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


def master_data_forget(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def connect_signals() -> None:
    for model in (Division, District, Product):
        post_save.connect(master_data_forget, sender=model, dispatch_uid=f"master-{model}-save")
        post_delete.connect(master_data_forget, sender=model, dispatch_uid=f"master-{model}-del")
