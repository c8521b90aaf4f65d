"""Pages that compose several apps: the dashboard, the fair pages (events with their stalls data)
and the district pages (participation and sales across fairs)."""

from dashboard.views.districts import DistrictDetailView, DistrictListView
from dashboard.views.fairs import FairDetailView, FairListView
from dashboard.views.home import HomeView

__all__ = [
    "DistrictDetailView",
    "DistrictListView",
    "FairDetailView",
    "FairListView",
    "HomeView",
]
