"""Two app servers, one site (issue 25): two gunicorn processes on one PostgreSQL database, one
Redis cache and one S3 bucket (moto's server), each with its OWN local folder, show that

- a session made on A is used on B (sessions live in the database);
- a photo uploaded through A is served by B (private files live in the bucket, not on A's disk);
- a catalog change made through A is visible on B at once (the catalog's cache generation
  lives in Redis, not in a process);
- a rate limit counts requests to both servers together (counted in Redis).

Needs PostgreSQL and Redis (present in development and in CI); without them it is skipped, with
the reason. PostgreSQL: TWO_SERVERS_PG_URL, else DATABASE_URL when it names PostgreSQL, else
postgres://threadlift:threadlift@127.0.0.1:5432/threadlift (the role must have CREATEDB: the test
makes and drops its own database). Redis: TWO_SERVERS_REDIS_URL, default redis://127.0.0.1:6379/3.
"""

from __future__ import annotations

import io
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis
import requests
from django_otp.oath import TOTP
from PIL import Image

from academy.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX
from tests.web.s3_server import ACCESS, s3_bucket

PROJECT = Path(__file__).resolve().parents[2]
LEARNER = "learner@demo.threadlift.test"
ADMIN = "admin@demo.threadlift.test"


def pg_url() -> str:
    given = os.environ.get("TWO_SERVERS_PG_URL") or os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        return given
    return "postgres://threadlift:threadlift@127.0.0.1:5432/threadlift"


def redis_url() -> str:
    return os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/3")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def maintenance_url() -> str:
    """The server's own `postgres` database, from which ours is made and dropped."""
    return with_database(pg_url(), "postgres")


def unavailable() -> str:
    """Why the test cannot run here, or ""."""
    try:
        psycopg.connect(maintenance_url(), connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"PostgreSQL is not reachable at {maintenance_url()} ({str(exc).strip()})"
    try:
        redis.Redis.from_url(redis_url(), socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis is not reachable at {redis_url()} ({exc})"
    return ""


pytestmark = pytest.mark.skipif(bool(unavailable()), reason=unavailable() or "ready")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Site:
    a: str
    b: str
    env: dict[str, str]
    database_url: str

    def sql(self, query: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.database_url) as conn:
            return list(conn.execute(query, params).fetchall())


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]


def wait_until_up(url: str, process: subprocess.Popen[bytes], *, within: float = 300) -> None:
    """Poll until the server answers 200, for `within` seconds of the clock (not a number of
    tries: a refused connection returns at once, a loaded machine boots gunicorn slowly)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the app server at {url} stopped (exit {process.returncode})")
        try:
            if requests.get(f"{url}/healthz", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the app server at {url} did not answer within {within:.0f} s")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    name = f"threadlift_two_servers_{os.getpid()}_{secrets.token_hex(3)}"
    admin = psycopg.connect(maintenance_url(), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    servers: list[subprocess.Popen[bytes]] = []
    try:
        with s3_bucket() as bucket:
            env = {
                **os.environ,
                **ACCESS,
                "DEBUG": "true",  # development settings: plain HTTP, static files from the apps
                "SECURE_HTTPS": "false",
                "SECRET_KEY": secrets.token_urlsafe(50),  # the same for both, as in production
                "DATABASE_URL": with_database(pg_url(), name),
                "CACHE_URL": redis_url(),
                "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex[:8]}",
                "STORAGE_URL": bucket.storage_url,
                "TASKS_BACKEND": "immediate",
                # per hour, not per minute: four requests on a loaded machine may span a minute
                "API_RATE_ENGINES": "3/hour",
            }
            env["THREADLIFT_VAR_DIR"] = str(tmp_path_factory.mktemp("setup-var"))
            manage(env, "migrate", "--noinput")
            manage(env, "load_demo")
            urls = []
            for label in ("a", "b"):
                port = free_port()
                own = {**env, "THREADLIFT_VAR_DIR": str(tmp_path_factory.mktemp(f"var-{label}"))}
                servers.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "academy.wsgi:application",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "1",
                            "--log-level",
                            "warning",
                        ],
                        cwd=PROJECT,
                        env=own,
                        stdout=subprocess.DEVNULL,
                    )
                )
                urls.append(f"http://127.0.0.1:{port}")
            for url, process in zip(urls, servers, strict=True):
                wait_until_up(url, process)
            yield Site(urls[0], urls[1], env, env["DATABASE_URL"])
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            process.wait(timeout=30)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def log_in(browser: requests.Session, server: str, email: str) -> None:
    browser.get(f"{server}/accounts/login/")
    response = browser.post(
        f"{server}/accounts/login/",
        data={"username": email, "password": DEMO_PASSWORD},
        headers={"X-CSRFToken": browser.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def post(browser: requests.Session, url: str, **kwargs: object) -> requests.Response:
    headers = {"X-CSRFToken": browser.cookies["csrftoken"]}
    return browser.post(url, headers=headers, allow_redirects=False, **kwargs)  # type: ignore[arg-type]


def test_a_session_made_on_one_server_is_used_on_the_other(site: Site) -> None:
    browser = requests.Session()
    log_in(browser, site.a, LEARNER)
    page = browser.get(f"{site.b}/dashboard/", allow_redirects=False)
    assert page.status_code == 200
    assert "Log out" in page.text or "log out" in page.text.lower()
    # and leaving on B ends it on A too
    post(browser, f"{site.b}/accounts/logout/")
    assert browser.get(f"{site.a}/dashboard/", allow_redirects=False).status_code == 302


def test_a_photo_uploaded_through_one_server_is_served_by_the_other(site: Site) -> None:
    browser = requests.Session()
    log_in(browser, site.a, LEARNER)
    case_id = site.sql(
        "SELECT c.id FROM logbook_case c JOIN accounts_user u ON u.id = c.learner_id "
        "WHERE u.email = %s AND c.signed_at IS NULL ORDER BY c.id LIMIT 1",
        LEARNER,
    )[0][0]
    image = io.BytesIO()
    Image.new("RGB", (80, 60), (120, 90, 70)).save(image, format="JPEG")
    response = post(
        browser,
        f"{site.a}/logbook/cases/{case_id}/photos/",
        data={"kind": "before"},
        files={"image": ("face.jpg", image.getvalue(), "image/jpeg")},
    )
    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"] == f"/logbook/cases/{case_id}/"
    photo_id = site.sql("SELECT max(id) FROM logbook_casephoto")[0][0]
    from_b = browser.get(f"{site.b}/logbook/photos/{photo_id}/")
    from_a = browser.get(f"{site.a}/logbook/photos/{photo_id}/")
    assert from_b.status_code == 200
    assert from_b.headers["Content-Type"] == "image/jpeg"
    assert from_b.content == from_a.content
    assert Image.open(io.BytesIO(from_b.content)).size == (80, 60)
    # someone else is refused on either server
    stranger = requests.Session()
    assert (
        stranger.get(f"{site.b}/logbook/photos/{photo_id}/", allow_redirects=False).status_code
        == 302
    )


def test_a_catalog_change_through_one_server_is_visible_on_the_other_at_once(site: Site) -> None:
    before = requests.get(f"{site.b}/courses/").text  # now cached on B's side (Redis)
    courses = site.sql(
        "SELECT c.id, c.title FROM catalog_course c "
        "JOIN catalog_provider_admins pa ON pa.provider_id = c.provider_id "
        "JOIN accounts_user u ON u.id = pa.user_id WHERE u.email = %s AND NOT c.archived "
        "ORDER BY c.id",
        ADMIN,
    )
    course_id, title = next((cid, t) for cid, t in courses if t in before)
    assert requests.get(f"{site.b}/courses/").text.count(title) == before.count(title)

    admin = requests.Session()
    log_in(admin, site.a, ADMIN)
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
    verified = post(
        admin, f"{site.a}/accounts/second-factor/verify/", data={"code": f"{totp.token():06d}"}
    )
    assert verified.status_code == 302, verified.text[:300]
    archived = post(
        admin, f"{site.a}/academy/courses/{course_id}/archive/", data={"archived": "on"}
    )
    assert archived.status_code == 302

    assert title not in requests.get(f"{site.b}/courses/").text


def test_a_rate_limit_counts_requests_to_both_servers(site: Site) -> None:
    zones = "/api/v1/engines/zones?view=frontal"
    codes = [requests.get(f"{server}{zones}").status_code for server in (site.a, site.b) * 2]
    assert codes == [200, 200, 200, 429]  # API_RATE_ENGINES=3/hour for the two together
