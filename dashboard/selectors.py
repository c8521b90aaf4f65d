"""Figures for the home pages, read through the scoping method."""

from django.db.models import Count, Q

from accounts.models import User
from districts.models import District, Product
from districts.selectors import division_summary_list


def home_overview(*, user) -> dict:
    """State-wide (or own-district) counts of master data, in three queries."""
    districts = District.objects.for_user(user)
    district_figures = districts.aggregate(
        districts=Count("pk", distinct=True),
        divisions=Count("division", distinct=True),
    )
    product_figures = Product.objects.for_user(user).aggregate(
        products=Count("pk"),
        added_products=Count("pk", filter=Q(is_original=False)),
    )
    overview = {**district_figures, **product_figures}
    if user.has_perm("accounts.view_user"):
        counts = dict(
            User.objects.filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
            .order_by()
        )
        overview["users_by_role"] = [(role.label, counts.get(role.value, 0)) for role in User.Role]
    return overview


def home_divisions(*, user):
    return division_summary_list(user=user)
