"""Design rules: the thread design the technique needs, and on-label product use.

Each rule takes a `Context` and returns its findings plus a component score in [0, 1]
(None when the rule does not apply to the plan).
"""

from __future__ import annotations

from threadlift.planning.context import Context
from threadlift.planning.models import Finding
from threadlift.planning.offlabel import off_label_uses
from threadlift.planning.rules_safety import RuleResult, design_matches

ANCHORED = "cog_unidirectional"
UNANCHORED = ("cog_bidirectional", "cone")


def design(ctx: Context) -> RuleResult:
    """Each thread's design is one the published technique uses.

    A bidirectional cog or a cone where the technique needs an anchored unidirectional cog is
    a warning (it cannot be fixed at the anchoring point); another unlisted design is noted.
    Only a cog of unknown orientation may stand in for either orientation.
    """
    published = tuple(ctx.facts.designs)
    if not published or not ctx.threads:
        return [], None
    needs_anchor = ANCHORED in published and not any(d in published for d in UNANCHORED)
    findings: list[Finding] = []
    fits = 0
    for t in ctx.threads:
        if design_matches(published, t.design):
            fits += 1
            continue
        anchored_needed = needs_anchor and t.design in UNANCHORED
        findings.append(
            Finding.trusted(
                rule="design",
                severity="warning" if anchored_needed else "info",
                thread=t.index,
                message=(
                    f"Thread {t.index + 1} is a {t.design} thread; the published technique for "
                    f"{ctx.facts.name} needs a {ANCHORED} thread fixed in the anchoring area."
                    if anchored_needed
                    else f"Thread {t.index + 1} uses a {t.design} design; the published "
                    f"designs for {ctx.facts.name} are {', '.join(published)}."
                ),
                sources=tuple(ctx.facts.sources),
            )
        )
    return findings, fits / len(ctx.threads)


def on_label(ctx: Context) -> RuleResult:
    """Products used within their recorded clearances (see `off_label_uses`); a product with no
    recorded clearance counts as off-label or unknown. Inline threads (no product) do not count."""
    named = [t for t in ctx.threads if t.product_id is not None]
    if not named:
        return [], None
    uses = off_label_uses(ctx.plan, ctx.kb)
    findings = [
        Finding.trusted(
            rule="off_label",
            severity="warning",
            thread=u.thread,
            message=u.message,
            sources=u.sources,
        )
        for u in uses
    ]
    return findings, 1.0 - len(uses) / len(named)
