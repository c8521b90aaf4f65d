"""gunicorn settings for the web container, read from the environment (see .env.example)."""

from odop_portal.env import env_int, env_str

bind = env_str("GUNICORN_BIND", "0.0.0.0:8000")
workers = env_int("GUNICORN_WORKERS", 3, minimum=1)
threads = env_int("GUNICORN_THREADS", 1, minimum=1)
timeout = env_int("GUNICORN_TIMEOUT", 60, minimum=1)
accesslog = "-"
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
