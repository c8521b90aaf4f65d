"""What `make bench` measures: each page, list and API list, and the floor it is held against."""

from dataclasses import dataclass, field


@dataclass
class Figure:
    name: str  # shown in RESULTS.md
    role: str  # secretary, district or officer: whose session requests it
    path: str  # formatted with the identifiers bench_prepare returns
    floor: str  # "page" or "list:<api list>"
    target: float | None  # ratio to the floor, or None when the issue sets none
    group: str
    fresh: bool = False  # sent with Cache-Control: no-cache: no cached fragment
    times: list = field(default_factory=list)
    queries: dict = field(default_factory=dict)  # data size label → queries

    def url(self, ids: dict) -> str:
        return self.path.format(**ids)


DASHBOARD, PAGE, LIST, ADMIN = 8.0, 4.0, 5.0, 15.0
API = 1.3
API_LISTS = ["fairs", "exhibitors", "nominations", "allocations", "daily-sales", "mous"]
API_LISTS += ["action-points"]


def figures() -> list[Figure]:
    pages = [
        ("Principal Secretary's dashboard", "secretary", "/", DASHBOARD),
        ("District staff home page", "district", "/", PAGE),
        ("Fair page (largest past fair)", "officer", "/fairs/{fair}/", PAGE),
        ("Exhibitor page", "district", "/exhibitors/{exhibitor}/", PAGE),
        ("District page", "secretary", "/districts/{district}/", PAGE),
        ("MoU page", "secretary", "/mous/{mou}/", PAGE),
        ("Meeting page", "officer", "/reviews/{meeting}/", PAGE),
        ("Offer page (district)", "district", "/offers/{offer}/", PAGE),
        ("Search (district name)", "secretary", "/search/?q=Lucknow", PAGE),
    ]
    lists = [
        ("Stall board (trade show)", "officer", "/fairs/{board_fair}/board/", LIST),
        ("Fair list", "officer", "/fairs/", LIST),
        ("Exhibitor list (district)", "district", "/exhibitors/", LIST),
        ("District list", "secretary", "/districts/", LIST),
        ("MoU list", "secretary", "/mous/", LIST),
        ("Meeting list", "officer", "/reviews/", LIST),
        ("Action point list", "officer", "/reviews/action-points/", LIST),
        ("Report archive", "secretary", "/reviews/reports/", LIST),
        ("Sales entry (district, one day)", "district", "/fairs/{district_fair}/sales/", LIST),
        ("Notifications", "district", "/notifications/", LIST),
        ("Claims list", "officer", "/claims/", LIST),
        ("Draws", "officer", "/draws/", LIST),
        ("Public guide: fairs", "district", "/guide/", LIST),
        ("Public guide: largest open fair", "district", "/guide/{guide_fair}/", LIST),
    ]
    # What a page costs when nothing is cached (after a write, or a hard reload): no target,
    # shown beside the cached figures.
    fresh = [
        ("Principal Secretary's dashboard, rendered fresh", "secretary", "/"),
        ("District staff home page, rendered fresh", "district", "/"),
        ("Fair page, rendered fresh", "officer", "/fairs/{fair}/"),
        ("Stall board, rendered fresh", "officer", "/fairs/{board_fair}/board/"),
        ("Search, rendered fresh", "secretary", "/search/?q=Lucknow"),
        ("Sales entry, rendered fresh", "district", "/fairs/{district_fair}/sales/"),
        ("Admin: allocations, rendered fresh", "officer", "/admin/stalls/allocation/"),
    ]
    admin = [
        ("Admin: allocations (100 rows)", "/admin/stalls/allocation/", ADMIN),
        ("Admin: nominations", "/admin/stalls/nomination/", None),
        ("Admin: exhibitors", "/admin/exhibitors/exhibitor/", None),
        ("Admin: daily sales", "/admin/stalls/dailysale/", None),
        ("Admin: fairs", "/admin/events/fair/", None),
        ("Admin: MoUs", "/admin/mous/mou/", None),
        ("Admin: action points", "/admin/reviews/actionpoint/", None),
    ]
    made = [Figure(n, r, p, "page", t, "Pages") for n, r, p, t in pages]
    made += [
        Figure(n, r, p, "page", t, "List pages (50 rows) and the stall board")
        for n, r, p, t in lists
    ]
    made += [
        Figure(n, r, p, "page", None, "Rendered fresh (no cached fragment)", fresh=True)
        for n, r, p in fresh
    ]
    made += [Figure(n, "officer", p, "page", t, "The admin") for n, p, t in admin]
    made += [
        Figure(f"API: {name}", "officer", f"/api/v1/{name}/", f"list:{name}", API, "API lists")
        for name in API_LISTS
    ]
    return made


def floors() -> list[Figure]:
    made = [Figure("Bare page", "officer", "/__bench__/bare-page/", "", None, "Floors")]
    made += [
        Figure(f"Bare list: {name}", "officer", f"/__bench__/bare-list/{name}/", "", None, "Floors")
        for name in API_LISTS
    ]
    return made


def floor_of(figure: Figure, by_path: dict) -> Figure:
    if figure.floor == "page":
        return by_path["/__bench__/bare-page/"]
    return by_path[f"/__bench__/bare-list/{figure.floor.split(':', 1)[1]}/"]
