"""The portal's one search box: exhibitors, fairs, MoUs, districts (with their ODOP products)
and review meetings, each read through its scoping method, in either script (English and Hindi
names are both searched). A group the user may not read is empty, never an error."""

from dataclasses import dataclass, field

from django.db.models import Q

from core.scoping import scoped_rows
from core.search import Query, exhibitor_match, search_query
from districts.masterdata import master_data
from districts.models import District
from events.models import Fair
from exhibitors.models import Exhibitor
from mous.models import MoU
from reviews.models import Meeting

PER_GROUP = 10  # each group shows this many; "more" links to the list that holds them all


@dataclass
class Group:
    key: str
    rows: list = field(default_factory=list)
    more: bool = False  # more than PER_GROUP matched


@dataclass
class Results:
    query: Query
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _first(queryset, key: str) -> Group:
    rows = list(queryset[: PER_GROUP + 1])
    return Group(key=key, rows=rows[:PER_GROUP], more=len(rows) > PER_GROUP)


def _names(query: Query, *fields: str) -> Q:
    match = Q()
    for name in fields:
        match |= Q(**{f"{name}__icontains": query.text})
    return match


def portal_search(*, user, raw) -> Results:
    """What ``raw`` finds for ``user``: one query per group of records (the districts come from
    the cached master data), nothing when the query is empty."""
    query = search_query(raw)
    results = Results(query=query)
    if not query:
        return results
    results.groups = [
        _first(
            Exhibitor.objects.for_user(user)
            .filter(exhibitor_match(query))
            .select_related("district", "product")
            .order_by("name", "pk"),
            "exhibitors",
        ),
        _first(
            Fair.objects.filter(_names(query, "name_en", "name_hi", "venue_en", "venue_hi", "city"))
            .exclude(status=Fair.Status.CANCELLED)
            .order_by("-start_date", "pk")
            if user.has_perm("events.view_fair")
            else Fair.objects.none(),
            "fairs",
        ),
        _first(
            MoU.objects.for_user(user)
            .filter(
                _names(
                    query,
                    "title_en",
                    "title_hi",
                    "partner__name_en",
                    "partner__name_hi",
                    "partner__short_name",
                )
            )
            .select_related("partner")
            .order_by("partner__name_en", "title_en", "pk"),
            "mous",
        ),
        _first(
            Meeting.objects.for_user(user)
            .filter(_names(query, "title_en", "title_hi", "venue"))
            .order_by("-held_at", "pk"),
            "meetings",
        ),
        _districts(user, query),
    ]
    return results


def _districts(user, query: Query) -> Group:
    """Districts whose name, or one of whose ODOP products, matches: from the master data."""
    text = query.text.casefold()
    master = master_data()
    by_product = {
        product.district_id
        for product in master.products
        if text in product.name_en.casefold() or text in product.name_hi.casefold()
    }
    rows = [
        district
        for district in scoped_rows(master.districts, user, District)
        if text in district.name_en.casefold()
        or text in district.name_hi.casefold()
        or district.pk in by_product
    ]
    return Group(key="districts", rows=rows[:PER_GROUP], more=len(rows) > PER_GROUP)
