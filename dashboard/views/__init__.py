"""Pages that compose several apps: the dashboard, the fair pages and the stall board (events
with their stalls and gate data) and the district pages (participation and sales across
fairs)."""

from dashboard.views.board import StallBoardView
from dashboard.views.districts import DistrictDetailView, DistrictListView
from dashboard.views.fairs import FairDetailView, FairListView
from dashboard.views.home import HomeView
from dashboard.views.search import SearchView

__all__ = [
    "DistrictDetailView",
    "DistrictListView",
    "FairDetailView",
    "FairListView",
    "HomeView",
    "SearchView",
    "StallBoardView",
]
