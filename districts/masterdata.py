"""The divisions, districts and ODOP products as read-only lists, kept in the cache.

Master data changes only when the loader runs or the cell edits it in the admin, yet pages
that set records against every district and product (fair coverage, the dashboard's map and
ranking, the status report) need all of it. They read these lists: one cache read instead of
two queries. Each process keeps its copy while the version in the cache is unchanged. Saving or
deleting a division, district or product drops the cached lists and the version, so every
process reads them again.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from districts.models import District, Division, Product

CACHE_KEY = "districts:master-data:v1"
VERSION_KEY = "districts:master-data:version"
CACHE_SECONDS = 24 * 60 * 60

# This process's copy and the version it was read at: most reads cost one small cache get.
_local: dict = {}


@dataclass(frozen=True)
class MasterData:
    districts: list  # District with its division, by English name
    products: list  # Product with its district, by district name


def master_data() -> MasterData:
    version = cache.get(VERSION_KEY)
    if version is not None and _local.get("version") == version:
        return _local["data"]
    data = cache.get(CACHE_KEY) if version is not None else None
    if data is None:
        version = uuid.uuid4().hex
        data = MasterData(
            districts=list(District.objects.select_related("division").order_by("name_en", "pk")),
            products=list(
                Product.objects.select_related("district").order_by("district__name_en", "pk")
            ),
        )
        cache.set_many({CACHE_KEY: data, VERSION_KEY: version}, CACHE_SECONDS)
    _local.update(version=version, data=data)
    return data


def master_data_forget(**kwargs) -> None:
    cache.delete_many([CACHE_KEY, VERSION_KEY])
    _local.clear()


def connect_signals() -> None:
    for model in (Division, District, Product):
        post_save.connect(master_data_forget, sender=model, dispatch_uid=f"master-{model}-save")
        post_delete.connect(master_data_forget, sender=model, dispatch_uid=f"master-{model}-del")
