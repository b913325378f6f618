"""Review dates of curriculum content: when it was last reviewed and when it is due again.

A lesson has its module's dates unless it gives its own. Content whose `review_by` has passed is
flagged to the academy and marked to learners; nothing is hidden."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewDates:
    reviewed: dt.date | None
    review_by: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


def lesson_review(
    *,
    module_reviewed: dt.date | None,
    module_review_by: dt.date | None,
    reviewed: dt.date | None,
    review_by: dt.date | None,
) -> ReviewDates:
    if reviewed is not None or review_by is not None:
        return ReviewDates(reviewed, review_by)
    return ReviewDates(module_reviewed, module_review_by)
