"""Settings for the load benchmark only: the production settings plus a bench URL configuration.

Never used by the application; `bench/bench_load.py` points gunicorn at this module so that the
floor view (`urls_bench.py`) exists only inside the benchmark's own server.
"""

from academy.settings import *  # noqa: F403  (the whole production configuration, unchanged)

ROOT_URLCONF = "urls_bench"
