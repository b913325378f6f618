"""The curriculum: modules, lessons, question items and branching cases as data files, their
validation, quiz scoring and item statistics. Pure core: no Django.

    from threadlift.knowledge import load_knowledge
    from threadlift.content import load_content
    content = load_content(load_knowledge())

The file format and the scoring rules are described in README.md.
"""

from threadlift.content.curriculum import load_content
from threadlift.content.loader import DATA_DIR, ContentError
from threadlift.content.regions import click_is_correct, correct_region
from threadlift.content.schemas import (
    MODULE_IDS,
    Case,
    Choice,
    Content,
    HotspotAnswer,
    Lesson,
    Module,
    Option,
    Outcome,
    Question,
    Step,
)
from threadlift.content.scoring import (
    QuizDraw,
    QuizResult,
    draw_quiz,
    quiz_result,
    score_answer,
    score_hotspot,
    score_multiple,
    score_single,
)
from threadlift.content.stats import (
    ItemFlag,
    ItemStatistics,
    cronbach_alpha,
    discrimination,
    distractor_frequencies,
    facility,
    flags,
    item_statistics,
    kr20,
    reliability,
)

__all__ = [
    "DATA_DIR",
    "MODULE_IDS",
    "Case",
    "Choice",
    "Content",
    "ContentError",
    "HotspotAnswer",
    "ItemFlag",
    "ItemStatistics",
    "Lesson",
    "Module",
    "Option",
    "Outcome",
    "Question",
    "QuizDraw",
    "QuizResult",
    "Step",
    "click_is_correct",
    "correct_region",
    "cronbach_alpha",
    "discrimination",
    "distractor_frequencies",
    "draw_quiz",
    "facility",
    "flags",
    "item_statistics",
    "kr20",
    "load_content",
    "quiz_result",
    "reliability",
    "score_answer",
    "score_hotspot",
    "score_multiple",
    "score_single",
]
