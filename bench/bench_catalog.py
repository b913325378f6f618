"""Catalog page server time with 10,000 runs, on SQLite and on PostgreSQL.

Seeds a fresh database per engine (SQLite in a temporary folder; PostgreSQL database
`threadlift_bench` on $BENCH_POSTGRES_URL, default the local CI server), then times the catalog
page with filters through Django's test client: the whole request inside the server (URL
routing, middleware, queries, template), without network, with the cache emptied before each
request (the cost of a cache miss; bench_load.py measures the cached pages under load).
Target: p95 under 100 ms.
Production settings are used (DEBUG off, collected static files).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 10_000
REQUESTS = 60
PG_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://threadlift:threadlift@127.0.0.1:5432/threadlift_bench"
)
QUERIES = [
    ("no filter", {}),
    (
        "material + live models + sort by price",
        {"material": "pdo", "live_models": "on", "sort": "price"},
    ),
    (
        "country + price range + eligible",
        {"country": "GB", "price_min": "500", "price_max": "2500", "eligible": "on"},
    ),
    ("page 40 of the unfiltered list", {"page": "40"}),
]


def child() -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from seed import seed_runs

    from academy.accounts.models import Role
    from academy.accounts.services import role_assign, user_signup
    from academy.catalog.models import CourseRun

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    seed_runs(RUNS)
    user = user_signup(
        email="bench@example.org",
        full_name="Bench",
        password="x" * 12,
        profession="physician",
        jurisdiction="GB-ENG",
    )
    role_assign(user=user, role=Role.LEARNER)
    client = Client()
    client.force_login(user)
    print(f"   {os.environ['BENCH_ENGINE']}: {CourseRun.objects.count()} runs")
    for label, params in QUERIES:
        for _ in range(5):  # warm caches and connections
            client.get("/courses/", params)
        times = []
        for _ in range(REQUESTS):
            cache.clear()  # time the full render, not a cached fragment (see bench_load.py)
            start = time.perf_counter()
            response = client.get("/courses/", params)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"   {label:<42} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def run_child(engine: str, url: str, var_dir: str) -> int:
    env = {
        **os.environ,
        "BENCH_CHILD": "1",
        "BENCH_ENGINE": engine,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "academy.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_HTTPS": "false",
        "THREADLIFT_VAR_DIR": var_dir,
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run([sys.executable, __file__], env=env, cwd=ROOT, check=False).returncode


def recreate_postgres() -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    base, _, name = PG_URL.rpartition("/")
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"   PostgreSQL: skipped ({exc.__class__.__name__}: {str(exc).strip()[:80]})")
        return False
    return True


def main() -> int:
    print(f"Catalog page with {RUNS:,} runs, {REQUESTS} requests per query (target p95 < 100 ms)")
    failed = 0
    with tempfile.TemporaryDirectory() as var_dir:
        failed += run_child("SQLite", f"sqlite:///{var_dir}/bench.sqlite3", var_dir)
        if recreate_postgres():
            failed += run_child("PostgreSQL", PG_URL, var_dir)
    return 1 if failed else 0


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())
