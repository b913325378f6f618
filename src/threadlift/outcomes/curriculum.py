"""From a complication back to the curriculum: the lessons that teach it and their items.

A lesson teaches a complication when its body shows the knowledge-base record
(`{{record complications/<id>}}`); the items that test it are the question items of that
lesson's learning outcomes. Nothing new to keep in step: the link is read from the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threadlift.content.schemas import Content, Lesson, Question

RECORD = re.compile(r"\{\{\s*record\s+complications/([a-z0-9_]+)\s*\}\}")


@dataclass(frozen=True)
class Teaching:
    complication: str
    lessons: tuple[Lesson, ...]
    items: tuple[Question, ...]


def teaching_for(content: Content, complication: str) -> Teaching:
    """The lessons that show `complication`'s record, and the items of their outcomes."""
    lessons = tuple(x for x in content.lessons if complication in RECORD.findall(x.body))
    outcomes = {(x.module, o) for x in lessons for o in x.outcomes}
    items = tuple(q for q in content.all_questions() if (q.module, q.outcome) in outcomes)
    return Teaching(complication=complication, lessons=lessons, items=items)
