"""Permission-matrix rows for the audit log (tests/test_permissions.py).

Cell officers read it; nobody adds, changes or deletes (the change page shows the entry
read-only, so it answers 200 for a reader, and a POST is refused: see test_admin.py).
"""

ROWS = {}

ADMIN_MODELS = {"audit_auditentry": ("audit_entry", "v")}
