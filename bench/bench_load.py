"""Pages under load: gunicorn (2 workers) on PostgreSQL, demo data plus 10,000 runs.

One run measures, on loopback only, a bare Django view in the same server (the floor) and the
pages below (the demo learner's signed-in pages, the public certificate page and its JSON, the
anonymous pages), and prints for each requests/s, p50 and p99 latency, errors and the ratio to
the floor. The server runs the production settings as they are (database connections included:
whatever DB_CONN_MAX_AGE and DB_CONN_HEALTH_CHECKS say, their defaults when unset). The load
generator is wrk (`make bench` installs it when missing), otherwise a small Python one (slower
itself, so its ratios are lower; the table says which one ran). Every load is
bounded in time (BENCH_SECONDS, default 10 s after 2 s of warm-up) and, for the Python generator,
in count (BENCH_MAX_REQUESTS). BENCH_LOAD_GENERATOR=python forces the Python generator.

Database: $BENCH_LOAD_POSTGRES_URL (default the local server, database `threadlift_perf_bench`),
dropped and re-created at each run when the role may, emptied otherwise. Cache: Redis on
127.0.0.1:6379 (database BENCH_REDIS_DB, default 0) when it answers (a fresh key prefix per
run), else each worker's local memory.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUNS = 10_000
WORKERS = 2
CONNECTIONS = 32
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP_SECONDS = 2
MAX_REQUESTS = int(os.environ.get("BENCH_MAX_REQUESTS", "200000"))
# BENCH_PAGES=learning,logbook measures only the pages whose label contains one of these words
# (the floor is always measured): for looking into one page without timing all of them.
ONLY = [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]
PG_URL = os.environ.get(
    "BENCH_LOAD_POSTGRES_URL",
    "postgres://threadlift:threadlift@127.0.0.1:5432/threadlift_perf_bench",
)
REDIS = ("127.0.0.1", 6379)
LEARNER = "learner@demo.threadlift.test"  # demo physician in England, verified

FLOOR_PATH = "/_bench/floor"  # exists only in bench/urls_bench.py
API_RUNS_PATH = "/api/v1/catalog/runs"  # the API's run list; skipped while it answers 404


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    signed_in: bool
    goal: float  # ratio to the floor
    optional: bool = False  # a 404 skips the row instead of counting as an error
    p99_goal_ms: float | None = None


SIGNED_IN = {"goal": 0.10, "p99_goal_ms": 100.0}


def pages(seeded: dict[str, str]) -> list[Page]:
    """What is measured; `seeded` names the demo learner's run, an exercise and a credential."""
    run, exercise, credential = seeded["RUN"], seeded["EXERCISE"], seeded["CREDENTIAL"]
    return [
        Page("learner: dashboard", "/dashboard/", signed_in=True, **SIGNED_IN),
        Page("learner: catalog", "/courses/", signed_in=True, **SIGNED_IN),
        Page("learner: learning (run)", f"/learn/runs/{run}/", signed_in=True, **SIGNED_IN),
        Page("learner: simulator exercise", f"/simulator/{exercise}/", signed_in=True, **SIGNED_IN),
        Page("learner: logbook", "/logbook/", signed_in=True, **SIGNED_IN),
        Page("certificate page", f"/credentials/{credential}/", signed_in=False, goal=0.30),
        Page(
            "certificate JSON",
            f"/credentials/{credential}/credential.json",
            signed_in=False,
            goal=0.30,
        ),
        Page("anonymous catalog", "/courses/", signed_in=False, goal=0.30),
        Page("knowledge page (threads)", "/knowledge/threads/", signed_in=False, goal=0.30),
        Page("API run list", API_RUNS_PATH, signed_in=False, goal=0.10, optional=True),
    ]


@dataclass(frozen=True)
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


# --- the database --------------------------------------------------------------------------


def seed() -> None:
    """Child process: migrate, demo data, 10,000 runs; print the learner's session cookie, the
    run they are enrolled on, a simulator exercise and their valid certificate."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from seed import seed_runs

    from academy.accounts.models import User
    from academy.catalog.models import CourseRun, Enrolment
    from academy.credentials.models import Credential, CredentialState
    from threadlift.simulator.exercises import load_exercises

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", force=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seed_runs(RUNS)
    learner = User.objects.get(email=LEARNER)
    client = Client()
    client.force_login(learner)
    enrolment = Enrolment.objects.filter(learner=learner).order_by("pk").first()
    credential = Credential.objects.filter(
        learner=learner, state=CredentialState.ISSUED, revoked=False, suspended=False
    ).first()
    print(f"   {CourseRun.objects.count():,} runs seeded", file=sys.stderr)
    print(f"SESSION={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    print(f"RUN={enrolment.run_id if enrolment else 0}")
    print(f"EXERCISE={load_exercises()[0].id}")
    print(f"CREDENTIAL={credential.pk if credential else 'none'}")


def recreate_database() -> bool:
    try:
        import psycopg
    except ImportError:
        print("   psycopg is missing: cannot reach PostgreSQL")
        return False
    base, _, name = PG_URL.rpartition("/")
    try:
        with psycopg.connect(base + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.errors.InsufficientPrivilege:
        pass  # an existing database owned by us: empty its tables instead
    except psycopg.Error as exc:
        print(f"   PostgreSQL unavailable ({exc.__class__.__name__}: {str(exc).strip()[:80]})")
        return False
    try:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    except psycopg.Error as exc:
        print(f"   PostgreSQL: cannot empty {name} ({str(exc).strip()[:80]})")
        return False
    return True


# --- the server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def server_env(var_dir: str) -> dict[str, str]:
    env = {
        **os.environ,
        # BENCH_APP_SRC measures another checkout's src/ (e.g. the code before a change).
        "PYTHONPATH": os.pathsep.join(
            [str(HERE), os.environ.get("BENCH_APP_SRC", str(ROOT / "src"))]
        ),
        "DJANGO_SETTINGS_MODULE": "settings_bench",
        "DATABASE_URL": PG_URL,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_HTTPS": "false",
        "THREADLIFT_VAR_DIR": var_dir,
        # the demo data signs two certificates: production refuses to sign without these
        "CREDENTIAL_BASE_URL": "http://127.0.0.1",
        "CREDENTIAL_KEY_SECRET": "bench-only-credential-key-" + "x" * 20,
        "LTI_KEY_SECRET": "bench-only-lti-key-" + "x" * 20,  # the demo registers an LMS
        "LOG_LEVEL": "ERROR",  # a skipped 404 row is not news
    }
    env.pop("CACHE_URL", None)
    if redis_answers():
        env["CACHE_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{os.environ.get('BENCH_REDIS_DB', '0')}"
        env["CACHE_KEY_PREFIX"] = f"bench-{os.getpid()}-{int(time.time())}"
    return env


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    args = [gunicorn, "academy.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
    args += ["--log-level", "warning", "--timeout", "60"]
    # BENCH_GUNICORN_ARGS adds server options (e.g. another worker class) to compare setups
    args += os.environ.get("BENCH_GUNICORN_ARGS", "").split()
    server = subprocess.Popen(args, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def probe(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return int(r.status), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except OSError:
        return 0, b""


# --- load generators -----------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(value) * _UNITS[unit]


def wrk(url: str, headers: dict[str, str], seconds: int) -> Result:
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.MULTILINE))
    if "50" not in latency:
        raise RuntimeError(f"wrk printed no latency distribution:\n{out}")
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(non_2xx.group(1)) if non_2xx else 0
    requests = re.search(r"(\d+) requests in", out)
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        p50_ms=_ms(latency["50"]),
        p99_ms=_ms(latency["99"]),
        errors=errors,
        requests=int(requests.group(1)) if requests else 0,
    )


def python_load(url: str, headers: dict[str, str], seconds: int) -> Result:
    """Keep-alive connections in threads, bounded by time and by MAX_REQUESTS."""
    host, port = "127.0.0.1", int(url.split(":")[2].split("/")[0])
    path = "/" + url.split("/", 3)[3]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=5)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < deadline and len(latencies) + len(mine) < MAX_REQUESTS:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=5)
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return Result(
        rps=len(latencies) / elapsed,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p99_ms=latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else 0,
        errors=errors[0],
        requests=len(latencies),
    )


def use_wrk() -> bool:
    """wrk when installed, unless BENCH_LOAD_GENERATOR=python asks for the Python one."""
    return os.environ.get("BENCH_LOAD_GENERATOR") != "python" and shutil.which("wrk") is not None


def warm(url: str, headers: dict[str, str]) -> None:
    """Every worker serves the page once before it is timed: a worker's first learning page
    loads the curriculum and knowledge base (seconds on a busy machine), which a short warm-up
    under load would count as timeouts."""
    for _ in range(2):
        threads = [threading.Thread(target=probe, args=(url, headers)) for _ in range(2 * WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def measure(url: str, headers: dict[str, str]) -> Result:
    load = wrk if use_wrk() else python_load
    warm(url, headers)
    load(url, headers, WARMUP_SECONDS)
    return load(url, headers, SECONDS)


# --- the run -------------------------------------------------------------------------------


def main() -> int:
    generator = "wrk" if use_wrk() else "Python (for wrk: apt-get install wrk)"
    print(
        f"Pages under load: gunicorn {WORKERS} workers, PostgreSQL, demo data + {RUNS:,} runs, "
        f"{CONNECTIONS} connections, {SECONDS} s per page, load generator {generator}"
    )
    if not recreate_database():
        print("   skipped: needs PostgreSQL")
        return 0
    with tempfile.TemporaryDirectory() as var_dir:
        env = server_env(var_dir)
        print(f"   cache: {'Redis' if 'CACHE_URL' in env else 'local memory per worker'}")
        seeded = subprocess.run(
            [sys.executable, __file__, "--seed"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if seeded.returncode != 0:
            print(seeded.stderr[-3000:])
            return 1
        sys.stdout.write(seeded.stderr)
        found = dict(re.findall(r"^([A-Z]+)=(\S+)$", seeded.stdout, re.MULTILINE))
        port = free_port()
        server = start_server(env, port)
        try:
            return report(
                f"http://127.0.0.1:{port}",
                {"Cookie": f"sessionid={found['SESSION']}"},
                [p for p in pages(found) if not ONLY or any(w in p.label for w in ONLY)],
            )
        finally:
            stop_server(server)


def row(label: str, r: Result, ratio: str, goal: str = "") -> str:
    return (
        f"{label:<30}{r.rps:>9.0f}{r.p50_ms:>9.2f}{r.p99_ms:>9.2f}{r.errors:>8}{ratio:>8}  {goal}"
    )


def goal_text(page: Page, ratio: float, result: Result) -> str:
    met = ratio >= page.goal and result.errors == 0
    goal = f"≥ {page.goal:.0%}"
    if page.p99_goal_ms is not None:
        goal += f", p99 ≤ {page.p99_goal_ms:.0f} ms"
        met = met and result.p99_ms <= page.p99_goal_ms
    return f"{goal} {'met' if met else 'NOT met'}"


def report(base: str, signed_in: dict[str, str], measured: list[Page]) -> int:
    """The floor is measured before and after the pages; ratios are to the mean of the two, so
    that a machine busier at one moment than another skews them less."""
    before = measure(base + FLOOR_PATH, {})
    rows: list[tuple[Page, Result | str]] = []
    for page in measured:
        headers = signed_in if page.signed_in else {}
        status, body = probe(base + page.path, headers)
        if status == 404 and page.optional:
            rows.append((page, f"skipped: {page.path} answers 404 (not built yet)"))
        elif status != 200:
            rows.append((page, f"error: {page.path} answers {status}"))
        elif page.signed_in and b"Log out" not in body:
            rows.append((page, "error: the session cookie did not sign the learner in"))
        else:
            rows.append((page, measure(base + page.path, headers)))
    after = measure(base + FLOOR_PATH, {})
    floor = (before.rps + after.rps) / 2
    header = f"{'page':<30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'floor':>8}  goal"
    print(header)
    print("-" * len(header))
    print(row("floor (bare view), before", before, f"{before.rps / floor:.0%}"))
    errors = before.errors + after.errors
    for page, result in rows:
        if isinstance(result, str):
            print(f"{page.label:<30}  {result}")
            errors += result.startswith("error")
            continue
        ratio = result.rps / floor if floor else 0.0
        print(row(page.label, result, f"{ratio:.1%}", goal_text(page, ratio, result)))
        errors += result.errors
    print(row("floor (bare view), after", after, f"{after.rps / floor:.0%}"))
    return 1 if errors else 0


if __name__ == "__main__":
    if "--seed" in sys.argv:
        seed()
    else:
        sys.exit(main())
