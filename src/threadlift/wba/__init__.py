"""Workplace-based assessment beside DOPS: the forms (CBD, mini-CEX, MSF, patient feedback),
their published rating scales as cited data (`data/forms.yaml`), and scoring.

Pure: no Django, no clock. `load_forms()` reads and validates the data once per process (every
source id must exist in the knowledge base's bibliography); `score(form, ratings)` turns one
completed form's ratings into its overall result.
"""

from threadlift.wba.forms import (
    Domain,
    FormSpec,
    Point,
    Scale,
    WbaCatalogue,
    load_forms,
)
from threadlift.wba.scoring import NOT_OBSERVED, WbaScore, score

__all__ = [
    "NOT_OBSERVED",
    "Domain",
    "FormSpec",
    "Point",
    "Scale",
    "WbaCatalogue",
    "WbaScore",
    "load_forms",
    "score",
]
