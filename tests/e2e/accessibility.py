"""axe-core (npm, tests/e2e/axe, installed by `make setup`) run in the browser on our pages.

The script is evaluated through the DevTools protocol, which our Content-Security-Policy does not
govern, so the pages are checked under their real policy (no CSP bypass needed). A page passes
when axe finds no critical or serious violation; the report names each rule, the page and the
offending nodes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Error, Page

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("critical", "serious")
HEADING_RULES = ("page-has-heading-one", "heading-order")
# The WCAG 2.x A/AA rules and Deque's best practices (headings, landmarks, names).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# One run at a time per page (axe refuses a second while one runs): each waits for the last.
RUN = """(options) => {
    const run = () => axe.run(document, options).then(result => result.violations.map(v => ({
        rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + "  " + n.html.slice(0, 160)),
    })));
    const next = (window.__axeLast || Promise.resolve()).then(run, run);
    window.__axeLast = next.catch(() => null);
    return next;
}"""
# django-ninja's Swagger UI page is the library's own template and scripts, not one of ours.
NOT_OURS = ("/api/v1/docs",)


@cache
def axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing at {AXE}: `make setup` installs it (npm ci)")
    return AXE.read_text(encoding="utf-8") + "\n;undefined"


def violations(page: Page, *, impacts: tuple[str, ...] = FAILING_IMPACTS) -> list[dict[str, Any]]:
    """The violations of `impacts` on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    found: list[dict[str, Any]] = page.evaluate(
        RUN, {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    )
    return [v for v in found if v["impact"] in impacts or v["rule"] in HEADING_RULES]


def describe(where: str, found: list[dict[str, Any]]) -> str:
    lines = [f"{where}:"]
    for v in found:
        lines.append(f"  {v['impact']} {v['rule']}: {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def assert_accessible(page: Page, where: str = "") -> None:
    found = violations(page)
    assert not found, describe(where or page.url, found)


def check_quietly(page: Page) -> str | None:
    """The report for the page now, or None when it passes or navigated away meanwhile."""
    if any(part in page.url for part in NOT_OURS):
        return None
    try:
        found = violations(page)
    except Error as exc:  # the page moved on (a redirect, a click) before axe finished
        if "context was destroyed" in str(exc) or "navigation" in str(exc).lower():
            return None
        raise
    return describe(page.url, found) if found else None
