"""Pages that compose several apps: the dashboard and the district pages (participation and
sales across fairs)."""

from dashboard.views.districts import DistrictDetailView, DistrictListView
from dashboard.views.home import HomeView

__all__ = ["DistrictDetailView", "DistrictListView", "HomeView"]
