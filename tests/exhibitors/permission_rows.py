"""Permission-matrix rows for the exhibitor import (tests/test_permissions.py); the other
exhibitor pages' rows are in tests/stalls/permission_rows.py.

Those who may register exhibitors (the cell and every district's staff) may import them; the
Principal Secretary reads and writes nothing. An empty POST is refused at the file field (200).
"""

from tests.permissions.rows import LOGIN_REQUIRED, url

REGISTRARS = {**LOGIN_REQUIRED, "principal_secretary": 403}

ROWS = {
    **url("exhibitors:import", get=REGISTRARS, options=REGISTRARS, post=REGISTRARS),
    **url("exhibitors:import_template", get=REGISTRARS, options=REGISTRARS),
}
