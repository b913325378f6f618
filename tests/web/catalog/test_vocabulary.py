"""Thread materials and designs are the core's ids, named once: the catalog's choices, the API's
material filter and the certificates' words all follow the knowledge base's vocabulary."""

from __future__ import annotations

from typing import get_args

from academy.api.catalog import RunFilters
from academy.catalog.forms import CatalogFilterForm
from academy.catalog.vocab import (
    DESIGN_CHOICES,
    DESIGN_LABELS,
    MATERIAL_CHOICES,
    MATERIAL_LABELS,
    MaterialFilter,
)
from threadlift.knowledge.vocab import DESIGN_IDS, MATERIAL_IDS


def test_every_core_material_and_design_has_exactly_one_label() -> None:
    assert tuple(MATERIAL_LABELS) == MATERIAL_IDS
    assert tuple(DESIGN_LABELS) == DESIGN_IDS


def test_the_catalog_choices_are_the_core_ids_in_the_core_order() -> None:
    assert [m for m, _ in MATERIAL_CHOICES] == list(MATERIAL_IDS)
    assert [d for d, _ in DESIGN_CHOICES] == list(DESIGN_IDS)


def test_the_api_and_the_catalog_form_filter_by_the_same_materials() -> None:
    flattened = [a for arg in get_args(MaterialFilter) for a in (get_args(arg) or (arg,))]
    assert flattened == ["", *MATERIAL_IDS]
    enum = RunFilters.model_json_schema()["properties"]["material"]["enum"]
    assert enum == ["", *MATERIAL_IDS]
    form_values = [value for value, _ in CatalogFilterForm.base_fields["material"].choices]
    assert form_values == enum
