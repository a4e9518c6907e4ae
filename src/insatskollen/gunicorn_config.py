"""Gunicorn's settings for Insatskollen (`gunicorn -c python:insatskollen.gunicorn_config insatskollen.wsgi`).

Every value can be overridden from the environment (and GUNICORN_CMD_ARGS, which gunicorn reads itself). Threads
(gthread) rather than more processes: the views wait on the database far more than they compute, and each process
holds the cost engine's NumPy arrays.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))  # processes: about one per core
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # requests at once per process
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a committee report as PDF may take a while
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # recycle a process now and then
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Addresses of the reverse proxy whose X-Forwarded-* headers are trusted (default: only this machine).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
