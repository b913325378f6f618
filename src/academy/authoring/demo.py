"""Demo content of the Harbour Aesthetics demo academy: one stated reference, two published
questions (one citing that reference) and one draft question with a problem (no `why` on an
option). Idempotent: items are found by slug."""

from __future__ import annotations

from typing import Any

from academy.accounts.models import User
from academy.authoring.models import AuthoredQuestion, StatedReference, Status
from academy.authoring.services import save_item
from academy.catalog.models import Provider
from threadlift.content.authored import to_yaml

PROVIDER = "harbour-aesthetics"
HANDBOOK = (
    "Harbour Aesthetics (fictional demo academy). Thread-lift aftercare handbook for delegates, "
    "2nd edition, 2025. Internal teaching document."
)


def _options(*rows: tuple[str, bool, str | None]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i, (text, correct, why) in enumerate(rows):
        option: dict[str, object] = {"id": "abcd"[i], "text": text, "correct": correct}
        if why is not None:
            option["why"] = why
        out.append(option)
    return out


QUESTIONS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "day3_swelling",
        Status.PUBLISHED,
        {
            "module": "complications",
            "outcome": "comp_common",
            "kind": "single",
            "difficulty": 1,
            "stem": "A delegate's patient calls on day 3 with swelling and bruising only. "
            "What do you advise?",
            "options": _options(
                (
                    "Cold packs, head elevation and paracetamol; review if it worsens",
                    True,
                    "Swelling and bruising are the commonest effects and settle. [R1, R58]",
                ),
                (
                    "Ibuprofen and aspirin to bring the swelling down",
                    False,
                    "Leaflets advise avoiding NSAIDs and aspirin: they worsen bruising. [R58]",
                ),
                (
                    "Come in today for antibiotics",
                    False,
                    "Without pus, fever or increasing pain there is no sign of infection. [R58]",
                ),
                (
                    "Remove the threads",
                    False,
                    "Expected swelling is not a reason to remove threads. [R1]",
                ),
            ),
            "explanation": "Swelling and bruising are common and settle; explain the normal "
            "course beforehand. [R1]",
            "sources": ["R1", "R58"],
        },
    ),
    (
        "our_review_call",
        Status.PUBLISHED,
        {
            "module": "aftercare",
            "outcome": None,
            "kind": "single",
            "difficulty": 1,
            "stem": "When does our academy's protocol schedule the first review call after a "
            "thread lift?",
            "options": _options(
                ("On day 2 or 3", True, "Our handbook schedules the call then. [ACAD-1]"),
                ("Only at 3 months", False, "Too late to catch early problems. [ACAD-1]"),
                ("Never: patients call us", False, "Our protocol calls every patient. [ACAD-1]"),
                ("On the day itself only", False, "One call on the day is not enough. [ACAD-1]"),
            ),
            "explanation": "A scheduled early call is our academy's own protocol, stated in "
            "our handbook. [ACAD-1]",
            "sources": ["ACAD-1"],
        },
    ),
    (
        "draft_dimple",
        Status.DRAFT,
        {
            "module": "complications",
            "outcome": "comp_common",
            "kind": "single",
            "difficulty": 2,
            "stem": "A dimple at the exit point is still there on day 14. What is the plan?",
            "options": _options(
                (
                    "Review within days; massage, then subcision if it persists",
                    True,
                    "Management is manual therapy, then subcision. [R12, R11]",
                ),
                ("Emergency referral", False, None),  # the problem: no `why`
                ("Add more threads", False, "Not a published treatment. [R11]"),
                ("Do nothing for months", False, "By day 14 it needs review. [R12]"),
            ),
            "explanation": "Persistent dimpling needs a review and has simple remedies. [R12]",
            "sources": ["R11", "R12"],
        },
    ),
]


def describe() -> list[str]:
    return [
        "Harbour Aesthetics' own content: 1 stated reference, 2 published questions, 1 draft "
        "with a problem"
    ]


def load() -> list[tuple[str, str]]:
    provider = Provider.objects.get(slug=PROVIDER)
    author = User.objects.get(email="admin@demo.threadlift.test")
    reference, _ = StatedReference.objects.update_or_create(
        provider=provider, number=1, defaults={"citation": HANDBOOK}
    )
    references = [reference]
    for slug, status, data in QUESTIONS:
        if data.get("outcome") is None:
            data = {**data, "outcome": _first_outcome(str(data["module"]))}
        item = AuthoredQuestion.objects.filter(provider=provider, slug=slug).first()
        item = item or AuthoredQuestion(provider=provider, slug=slug)
        item.module_id = str(data["module"])
        item.source = to_yaml(data)
        save_item(item, author=author, status=status, references=references)
    return []


def _first_outcome(module_id: str) -> str:
    from threadlift.content import load_content
    from threadlift.knowledge import load_knowledge

    return load_content(load_knowledge()).module(module_id).outcomes[0].id
