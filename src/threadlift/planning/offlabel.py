"""Off-label use: a product used for something none of its recorded clearances cover.

`off_label_uses(plan, kb)` is the one function both the scorer (a finding that lowers efficacy)
and the consent document (which must name the off-label use) call, so they never disagree.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from threadlift.planning.context import Knowledge
from threadlift.planning.models import Plan
from threadlift.planning.params import indications, rules
from threadlift.planning.parse import PlanError

USE_WORDS = {
    "soft_tissue_approximation": "soft tissue approximation",
    "face_suspension": "face suspension",
    "midface_suspension": "mid-face suspension",
}


class OffLabelUse(BaseModel):
    """One thread of a plan whose product is used outside its recorded clearances.

    `needed` are the clearance uses that would cover the plan's indication (empty: none does,
    e.g. the neck and the nose); `cleared_for` the clearances' own wording; `references` the
    regulator and number of each clearance; `sources` the regulatory sources.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    thread: int
    product: str
    product_name: str
    indication: str
    needed: tuple[str, ...]
    cleared_for: tuple[str, ...]
    references: tuple[str, ...]
    sources: tuple[str, ...]
    status: str

    @property
    def message(self) -> str:
        needed = " or ".join(USE_WORDS.get(u, u) for u in self.needed) or "no cleared use"
        cleared = "; ".join(
            f"{ref}: {text}" for ref, text in zip(self.references, self.cleared_for, strict=True)
        )
        return (
            f"Thread {self.thread + 1}: {self.product_name} is cleared only for {cleared}. "
            f"Using it for the {self.indication} ({needed} needed) is off-label use: the "
            "patient must be told, and the clinician carries the responsibility."
        )


def off_label_uses(plan: Plan, kb: Knowledge) -> tuple[OffLabelUse, ...]:
    """The threads of `plan` whose knowledge-base product has recorded clearances, none of
    which covers the use the plan's indication needs (planning data `cleared_uses`).

    Threads described inline (no product id) and products with no recorded clearance (status
    unknown) are not listed. Raises `PlanError` naming `threads[i].product` for unknown ids.
    Pure: no face or geometry is needed.
    """
    needed = indications()[plan.indication].cleared_uses
    policy = rules().off_label
    out: list[OffLabelUse] = []
    for i, thread in enumerate(plan.threads):
        if not isinstance(thread.product, str):
            continue
        try:
            product = kb.product(thread.product)
        except (KeyError, LookupError):
            raise PlanError(
                f"threads[{i}].product", f"unknown product {thread.product!r} in the knowledge base"
            ) from None
        clearances = [c for c in product.clearances if c.uses]
        if not clearances or any(set(c.uses) & set(needed) for c in clearances):
            continue
        out.append(
            OffLabelUse(
                thread=i,
                product=thread.product,
                product_name=product.name,
                indication=plan.indication,
                needed=tuple(needed),
                cleared_for=tuple(c.indication for c in clearances),
                references=tuple(f"{c.regulator} {c.reference}" for c in clearances),
                sources=tuple(dict.fromkeys([*(c.source for c in clearances), *policy["sources"]])),
                status=str(policy["status"]),
            )
        )
    return tuple(out)
