"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

When /usr/bin/chromium (or $CHROMIUM_PATH) is missing, every browser test is skipped with one
clear reason, printed in the report header.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from
# such a thread unless told this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # resolve nothing but loopback: the machine has no network and Chromium probes Google hosts
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Playwright's `expect` waits 5 s for a condition by default: on a loaded machine (CI shares two
# cores) a page can take longer to arrive. The waits are on conditions, so a generous bound costs
# nothing when things are quick.
expect.set_options(timeout=30_000)
SKIP_REASON = f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "screenshots")
)


def pytest_report_header(config: pytest.Config) -> str | None:
    return None if Path(CHROMIUM).exists() else SKIP_REASON


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1200, "height": 900}}


@pytest.fixture
def shot(page: Any) -> Any:
    """Save a full-page screenshot under screenshots/ for people to look at."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """The live server shares this process's memory cache; each test starts with it empty."""
    from django.core.cache import caches

    for store in caches.all():
        store.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _accessible_pages(request: pytest.FixtureRequest) -> Iterator[None]:
    """axe-core on every page a browser test loads, and on the last page as the test left it
    (after drawing, answering, ...): no critical or serious violation (tests/e2e/accessibility.py).
    """
    if "page" not in request.fixturenames or not Path(CHROMIUM).exists():
        yield
        return
    from tests.e2e.accessibility import check_quietly

    page = request.getfixturevalue("page")
    reports: list[str] = []

    def on_load(loaded: Any) -> None:
        if (report := check_quietly(loaded)) and report not in reports:
            reports.append(report)

    page.on("load", on_load)
    yield
    page.remove_listener("load", on_load)
    if request.node.stash.get(_CALL_FAILED, True):
        return  # the test's own failure says more
    if not page.is_closed() and (report := check_quietly(page)) and report not in reports:
        reports.append(report)
    assert not reports, "axe-core found violations:\n" + "\n".join(reports)
