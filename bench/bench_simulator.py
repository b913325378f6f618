"""The simulator's live-feedback round trip, server side: POST a plan to
`/api/v1/simulator/score?face=…` through Django's test client (routing, middleware, JSON
parsing, scoring on the chosen face, JSON response; no network), beside the bare Django view
floor (`urls_bench.py`) measured in the same run. Target: p95 under 50 ms (issue 13).

Production settings (DEBUG off) on SQLite in a temporary folder; the rate limits are raised for
the run (the bench would otherwise be refused with 429 after a few requests).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REQUESTS = int(os.environ.get("BENCH_SIM_REQUESTS", "300"))


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def child() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from academy.simulator import content

    call_command("migrate", verbosity=0)
    ex = content.exercise("jowl")
    assert ex is not None
    plans = {}
    for face_id in ex.faces[:2]:
        good = content.plan_as_xy(content.model_answer(ex), content.face(face_id, ex.view))
        risky = {**good, "threads": [{**good["threads"][0], "plane": "sub_smas"}]}
        plans[f"model answer, 3 threads, face {face_id}"] = (face_id, json.dumps(good))
        plans[f"risky thread, 1 thread, face {face_id}"] = (face_id, json.dumps(risky))
    client = Client()

    def time_floor() -> list[float]:
        out = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.get("/_bench/floor")
            out.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        return out

    for _ in range(20):
        client.get("/_bench/floor")
    floor = time_floor()
    floor_p95 = _p95(floor)
    print(
        f"   bare Django view (floor)                   median {statistics.median(floor):6.2f} ms"
        f"   p95 {floor_p95:6.2f} ms"
    )
    for label, (face_id, body) in plans.items():
        url = f"/api/v1/simulator/score?face={face_id}"
        for _ in range(10):  # warm the zone and geometry caches of this face
            client.post(url, body, content_type="application/json")
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            response = client.post(url, body, content_type="application/json")
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:200]
        p95 = _p95(times)
        print(
            f"   {label:<42} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms"
            f"   ({p95 / floor_p95:4.1f}x the floor's p95)"
            f"   {'ok' if p95 < 50 else 'OVER TARGET'}"
        )


def main() -> int:
    print(f"Simulator score round trip, {REQUESTS} requests each (target p95 < 50 ms)")
    with tempfile.TemporaryDirectory() as var_dir:
        (Path(var_dir) / "static").mkdir()  # no collected files needed for a JSON endpoint
        env = {
            **os.environ,
            "BENCH_CHILD": "1",
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT / "src")]),
            "DATABASE_URL": f"sqlite:///{var_dir}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "settings_bench",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "testserver",
            "SECURE_HTTPS": "false",
            "THREADLIFT_VAR_DIR": var_dir,
            "LOG_LEVEL": "WARNING",
            "API_RATE_ENGINES": "1000000/min",
            "API_RATE_ANON_WRITE": "1000000/min",
        }
        return subprocess.run([sys.executable, __file__], env=env, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    if os.environ.get("BENCH_CHILD"):
        child()
    else:
        sys.exit(main())
