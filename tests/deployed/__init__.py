"""The "as deployed" leg: the production install, driven over HTTP, under faults.

Not part of the root suite (see conftest.py); run it with ``make test-deployed``.
"""
