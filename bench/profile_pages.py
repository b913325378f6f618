"""Per-request cost of the pages `bench_load.py` measures, in one process and without load.

Not a benchmark of its own (its name does not start with `bench_`, so `make bench` skips it):
a tool for deciding what to change. It seeds the same data as the load benchmark (PostgreSQL
database $PROFILE_POSTGRES_URL, default `threadlift_profile`, re-created unless PROFILE_KEEP=1;
Redis cache when it answers), then for each page prints the CPU ms of this process per request
(and wall ms) over PROFILE_REPEAT requests (after warm-up), its ratio to the bare view's cost in
the same process, and the queries one request makes. BENCH_APP_SRC measures another checkout's
src/. `--profile LABEL` (any part of a label) prints a pyinstrument profile of that page instead
(pyinstrument is not a dependency: install it beside the project; PROFILE_FLAT=1: flat;
PROFILE_ALL=1: every frame, library ones included).

    .venv/bin/python bench/profile_pages.py [--profile LABEL]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), os.environ.get("BENCH_APP_SRC", str(HERE.parent / "src"))]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings_bench")
os.environ.setdefault(
    "DATABASE_URL",
    os.environ.get(
        "PROFILE_POSTGRES_URL", "postgres://threadlift:threadlift@127.0.0.1:5432/threadlift_profile"
    ),
)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("SECURE_HTTPS", "false")
os.environ.setdefault("CREDENTIAL_BASE_URL", "http://127.0.0.1")
os.environ.setdefault("CREDENTIAL_KEY_SECRET", "profile-only-credential-key-" + "x" * 20)
os.environ.setdefault("LTI_KEY_SECRET", "profile-only-lti-key-" + "x" * 20)
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("CACHE_KEY_PREFIX", f"profile-{os.getpid()}-{int(time.time())}")
os.environ.setdefault("THREADLIFT_VAR_DIR", "/tmp/threadlift-profile-var")

REPEAT = int(os.environ.get("PROFILE_REPEAT", "50"))


def recreate() -> None:
    import psycopg

    base, _, name = os.environ["DATABASE_URL"].rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    keep = os.environ.get("PROFILE_KEEP") == "1"
    if not keep:
        recreate()
    import django

    django.setup()
    from bench_load import LEARNER, RUNS, pages
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from academy.accounts.models import User
    from academy.catalog.models import CourseRun, Enrolment
    from academy.credentials.models import Credential, CredentialState
    from threadlift.simulator.exercises import load_exercises

    if not keep:
        from seed import seed_runs

        call_command("migrate", verbosity=0)
        call_command("load_demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        seed_runs(RUNS)
    call_command("collectstatic", verbosity=0, interactive=False)
    print(f"{CourseRun.objects.count():,} runs", file=sys.stderr)
    learner = User.objects.get(email=LEARNER)
    signed_in = Client()
    signed_in.force_login(learner)
    enrolment = Enrolment.objects.filter(learner=learner).order_by("pk").first()
    credential = Credential.objects.filter(
        learner=learner, state=CredentialState.ISSUED, revoked=False, suspended=False
    ).first()
    seeded = {
        "RUN": str(enrolment.run_id if enrolment else 0),
        "EXERCISE": load_exercises()[0].id,
        "CREDENTIAL": str(credential.pk if credential else "none"),
    }
    anonymous = Client()
    measured = [(p.label, p.path, p.signed_in) for p in pages(seeded)]
    measured.insert(0, ("floor", "/_bench/floor", False))
    wanted = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--profile" else None

    def get(client: Client, path: str) -> int:
        return client.get(path, HTTP_HOST="127.0.0.1").status_code

    floor_ms = None
    print(f"{'page':<30}{'cpu ms':>9}{'ratio':>8}{'wall ms':>9}{'queries':>9}  status")
    for label, path, needs_session in measured:
        client = signed_in if needs_session else anonymous
        if wanted is not None and wanted not in label:
            continue
        for _ in range(3):
            status = get(client, path)
        if wanted is not None:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(REPEAT):
                get(client, path)
            profiler.stop()
            flat = bool(os.environ.get("PROFILE_FLAT"))
            print(
                profiler.output_text(
                    unicode=True,
                    color=False,
                    flat=flat,
                    show_all=bool(os.environ.get("PROFILE_ALL")),
                    time="percent_of_total",
                )
            )
            continue
        counted: list[str] = []

        def count(execute, sql, params, many, context, into=counted):  # type: ignore[no-untyped-def]
            into.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            get(client, path)
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(REPEAT):
            get(client, path)
        wall = (time.perf_counter() - started) * 1000 / REPEAT
        ms = (time.process_time() - cpu_started) * 1000 / REPEAT
        if floor_ms is None:
            floor_ms = ms
        print(f"{label:<30}{ms:>9.2f}{floor_ms / ms:>8.1%}{wall:>9.2f}{len(counted):>9}  {status}")
        if os.environ.get("PROFILE_SQL") and label != "floor":
            for sql in counted:
                print("     ", sql[:200])
    del settings
    return 0


if __name__ == "__main__":
    sys.exit(main())
