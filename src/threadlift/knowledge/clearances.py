"""Which of a product's regulatory clearances cover an indication: the one reading of the
clearance wording that the plan scorer and the consent document share.

The fact is `clearance_readings.yaml` (which indications each clearance's wording covers, with
its sources and marks); this module only applies it. A clearance without a reading covers
nothing, and a product with no recorded clearance covers nothing either: both are the stricter
answer (off-label or unknown), never "cleared".
"""

from __future__ import annotations

from collections.abc import Iterable

from threadlift.knowledge.schemas import ClearanceReading, Product
from threadlift.knowledge.schemas.common import Frozen


class ClearanceCover(Frozen):
    """One clearance of a product read against one indication.

    `indication` is the clearance's own wording; `reading` our reading of it (None: unread, so
    it covers nothing); `sources` the clearance's source then the reading's; `marks` the
    clearance's and the reading's marks (e.g. `unconfirmed` for a broad wording read by us).
    """

    regulator: str
    reference: str
    indication: str
    covers: bool
    reading: str | None
    sources: tuple[str, ...]
    marks: tuple[str, ...]

    @property
    def label(self) -> str:
        """Regulator and number, e.g. "FDA 510(k) K142061"."""
        return f"{self.regulator} {self.reference}"


class ClearanceCoverage(Frozen):
    """All clearances of one product read against one indication, in `products.yaml` order.

    `off_label` is true unless at least one clearance covers the indication, so a product with
    no recorded clearance (`recorded` false) is off-label or unknown, not cleared.
    """

    product: str
    indication: str
    clearances: tuple[ClearanceCover, ...]

    @property
    def covering(self) -> tuple[ClearanceCover, ...]:
        return tuple(c for c in self.clearances if c.covers)

    @property
    def recorded(self) -> bool:
        return bool(self.clearances)

    @property
    def off_label(self) -> bool:
        return not self.covering


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def clearance_coverage(
    product: Product, indication: str, readings: Iterable[ClearanceReading]
) -> ClearanceCoverage:
    """Which of `product`'s clearances cover `indication` (an indication id), read through
    `readings` (the knowledge base's `clearance_readings`). Pure."""
    by_reference = {r.reference: r for r in readings}
    covers = []
    for c in product.clearances:
        reading = by_reference.get(c.reference)
        covers.append(
            ClearanceCover(
                regulator=c.regulator,
                reference=c.reference,
                indication=c.indication,
                covers=reading is not None and indication in reading.covers,
                reading=reading.reading if reading else None,
                sources=_unique([c.source, *(reading.sources if reading else ())]),
                marks=_unique([*c.marks, *(reading.marks if reading else ())]),
            )
        )
    return ClearanceCoverage(product=product.id, indication=indication, clearances=tuple(covers))
