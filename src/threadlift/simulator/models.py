"""Simulator exercises as frozen models: a short case, the products on offer, the model answer.

The files live in `data/exercises/<id>.yaml`; `threadlift.simulator.exercises` loads and checks
them (every product, source, reference plan and face id must exist).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from threadlift.knowledge.vocab import IndicationId, View
from threadlift.planning.models import ProductSpec
from threadlift.planning.objectives import Objectives

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Statement(Frozen):
    """One clinical statement with its sources; `unconfirmed` shows the "Unconfirmed" badge."""

    text: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    unconfirmed: bool = False


class PatientCase(Frozen):
    """The (fictional, teaching) patient: who, age, sex, concern, and the cited facts used."""

    who: str = Field(min_length=1)
    age: int = Field(ge=18, le=100)
    sex: Literal["female", "male"]
    concern: str = Field(min_length=1)
    facts: tuple[Statement, ...] = Field(min_length=1)


class ProductOffer(Frozen):
    """A product the learner may pick: a knowledge-base product id or an inline description.

    `product` goes into the plan's thread unchanged (the plan contract accepts both forms).
    `suitable` is False for a deliberately wrong choice; `note` says why, with `sources`.
    """

    id: Id
    label: str = Field(min_length=1)
    product: str | ProductSpec
    suitable: bool
    note: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    unconfirmed: bool = False


class Exercise(Frozen):
    """One simulator exercise; `reference_plan` names the model answer in planning's data."""

    id: Id
    indication: IndicationId
    title: str = Field(min_length=1)
    patient: PatientCase
    view: View
    products: tuple[ProductOffer, ...] = Field(min_length=2)
    objective: str = Field(min_length=1)
    # the objective as data the verdict checks (score_plan(..., objectives=...)): an
    # objective stated in `objective` but not here would go unchecked
    objectives: Objectives
    reference_plan: str = Field(min_length=1)
    faces: tuple[str, ...] = Field(min_length=2)
    hints: tuple[Statement, ...] = Field(min_length=1)

    def offer(self, offer_id: str) -> ProductOffer:
        """The product offer `offer_id` (KeyError if the exercise offers no such product)."""
        for offer in self.products:
            if offer.id == offer_id:
                return offer
        raise KeyError(f"exercise {self.id!r} offers no product {offer_id!r}")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source the exercise cites, in order of first appearance."""
        cited = [s for st in (*self.patient.facts, *self.hints) for s in st.sources]
        cited += [s for o in self.products for s in o.sources]
        return tuple(dict.fromkeys(cited))
