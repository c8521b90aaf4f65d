"""gunicorn settings for the web container, read from the environment (see .env.example)."""

import os

from odop_portal.env import env_int, env_str

bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
# gunicorn's advice for sync workers: two per core and one more, so that while some wait on the
# database (a space's row lock, a slow query) the others use the cores. Cores this process may
# run on (a container's CPU set), and at most 9 workers unless set.
CORES = len(os.sched_getaffinity(0))
workers = env_int("GUNICORN_WORKERS", min(2 * CORES + 1, 9), minimum=1)
threads = env_int("GUNICORN_THREADS", 1, minimum=1)
timeout = env_int("GUNICORN_TIMEOUT", 60, minimum=1)
accesslog = "-"
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
