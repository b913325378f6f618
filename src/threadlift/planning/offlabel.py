"""Off-label use: a product used for something none of its recorded clearances cover.

Which clearances cover an indication is one fact, read once: `clearance_readings` in the
knowledge data, applied by the knowledge base's `clearance_coverage`. The scorer (through
`off_label_uses`, a finding that lowers efficacy) and the consent document both ask it, so the
simulator and the consent form flag the same products and name the same clearances.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from threadlift.planning.context import Knowledge
from threadlift.planning.models import Plan
from threadlift.planning.params import rules
from threadlift.planning.parse import PlanError


class OffLabelUse(BaseModel):
    """One thread of a plan whose product no recorded clearance covers for the indication.

    `indication_name` is the area in words; `cleared_for` are the clearances' own wording and
    `references` the regulator and number of each (both empty when no clearance is recorded:
    the status is then unknown, and treated as off-label, the stricter answer); `unconfirmed`
    the references whose reading of the wording is ours and unconfirmed; `sources` the
    regulatory sources and the policy's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    thread: int
    product: str
    product_name: str
    indication: str
    indication_name: str
    cleared_for: tuple[str, ...]
    references: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    sources: tuple[str, ...]
    status: str

    @property
    def message(self) -> str:
        told = "the patient must be told, and the clinician carries the responsibility."
        if not self.references:
            return (
                f"Thread {self.thread + 1}: {self.product_name} has no regulatory clearance "
                f"recorded in our sources, so its use for the {self.indication_name} is "
                f"off-label or unknown (unconfirmed): {told}"
            )
        cleared = "; ".join(
            f"{ref}: {text}" for ref, text in zip(self.references, self.cleared_for, strict=True)
        )
        ours = (
            f" (our reading of {', '.join(self.unconfirmed)} is unconfirmed)"
            if self.unconfirmed
            else ""
        )
        return (
            f"Thread {self.thread + 1}: {self.product_name} is cleared only for {cleared}{ours}. "
            f"None of these covers the {self.indication_name}, so using it there is off-label "
            f"use: {told}"
        )


def off_label_uses(plan: Plan, kb: Knowledge) -> tuple[OffLabelUse, ...]:
    """The threads of `plan` whose knowledge-base product has no clearance covering the plan's
    indication (`kb.clearance_coverage`, the reading the consent document uses too).

    A product with no recorded clearance is listed (off-label or unknown); threads described
    inline (no product id) are not, having no product whose clearance could be read. Raises
    `PlanError` naming `threads[i].product` for unknown ids. Pure: no face or geometry.
    """
    policy = rules().off_label
    area = kb.indication(plan.indication).name.lower()
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
        coverage = kb.clearance_coverage(thread.product, plan.indication)
        if not coverage.off_label:
            continue
        clearances = coverage.clearances
        references = tuple(f"{c.regulator} {c.reference}" for c in clearances)
        out.append(
            OffLabelUse(
                thread=i,
                product=thread.product,
                product_name=product.name,
                indication=plan.indication,
                indication_name=area,
                cleared_for=tuple(c.indication for c in clearances),
                references=references,
                unconfirmed=tuple(
                    ref
                    for ref, c in zip(references, clearances, strict=True)
                    if "unconfirmed" in c.marks
                ),
                sources=tuple(
                    dict.fromkeys([*(s for c in clearances for s in c.sources), *policy["sources"]])
                ),
                status=str(policy["status"]),
            )
        )
    return tuple(out)
