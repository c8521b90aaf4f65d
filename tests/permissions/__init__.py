"""The permission matrix's machinery: which methods each URL answers (``methods``), the row
helpers the tables are written with (``rows``), and the objects the rows point at (``objects``).
The tables themselves live in ``tests/test_permissions.py`` (shared pages),
``tests/<app>/permission_rows.py`` (each app's pages and admin) and
``tests/api/permission_rows.py`` (every API route)."""
