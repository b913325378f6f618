"""Scoring one completed WBA form.

- `overall_item` forms (CBD, mini-CEX, MSF): the result is the global item's rating on the
  form's scale, with its band (e.g. mini-CEX 1-3 unsatisfactory; R124). A global item marked
  not observed leaves the form without an overall result.
- `care_sum` (patient feedback, CARE measure): the ten items summed, 10-50; up to two items
  answered "does not apply" (or left blank) take the mean of the others; with more the
  questionnaire is not scored (R129).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from threadlift.wba.forms import FormSpec, Scale

NOT_OBSERVED = "n"
CARE_MAX_NOT_APPLICABLE = 2  # R129


class WbaScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    overall: int | None
    band: str | None
    observed: int
    not_observed: int
    scored: bool
    reason: str = ""


def _value(raw: object, scale: Scale) -> int | None:
    try:
        value = int(str(raw))
    except ValueError:
        return None
    return value if scale.point(value) is not None else None


def score(form: FormSpec, scale: Scale, ratings: Mapping[str, object]) -> WbaScore:
    """The result of one form from {domain id: rating ('1'..'9' or NOT_OBSERVED)}; ratings of
    unknown domains are ignored, values off the scale count as not observed."""
    values = {d.id: _value(ratings.get(d.id, NOT_OBSERVED), scale) for d in form.domains}
    given = [v for v in values.values() if v is not None]
    missing = len(values) - len(given)
    if form.scoring == "care_sum":
        if missing > CARE_MAX_NOT_APPLICABLE or not given:
            return WbaScore(
                overall=None,
                band=None,
                observed=len(given),
                not_observed=missing,
                scored=False,
                reason=f"More than {CARE_MAX_NOT_APPLICABLE} items do not apply: not scored.",
            )
        total = sum(given) + missing * (sum(given) / len(given))
        return WbaScore(
            overall=round(total),
            band=None,
            observed=len(given),
            not_observed=missing,
            scored=True,
        )
    assert form.overall is not None
    overall = values.get(form.overall)
    point = scale.point(overall) if overall is not None else None
    return WbaScore(
        overall=overall,
        band=point.band if point else None,
        observed=len(given),
        not_observed=missing,
        scored=overall is not None,
        reason="" if overall is not None else "The overall item was not rated.",
    )
