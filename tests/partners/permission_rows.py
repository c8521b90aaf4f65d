"""Permission-matrix rows for partners: admin only (see tests/test_permissions.py)."""

ROWS = {}

ADMIN_MODELS = {
    "partners_partner": ("mou_partner", "vac"),
}
