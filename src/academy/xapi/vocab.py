"""The xAPI vocabulary: which verb and activity type each learning event becomes (data).

docs/xapi.md is generated from this module (`markdown()`; a test keeps the two the same). IRIs
come from the ADL vocabulary that xAPI 1.0.3 and cmi5 use where one fits; `confirmed=False`
marks an IRI taken from the community registry that we could not check at its source: the
generated table shows it as (U).
"""

from __future__ import annotations

from dataclasses import dataclass

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"

SPEC = "https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md"
CMI5 = "https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md"
REGISTRY = "https://registry.tincanapi.com/"


@dataclass(frozen=True)
class Term:
    key: str  # our word (academy.core.events' verbs and kinds)
    iri: str
    display: str
    meaning: str
    source: str
    confirmed: bool = True


VERBS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "launched",
            ADL_VERBS + "launched",
            "launched",
            "opened a course run from another platform (LTI launch)",
            CMI5,
        ),
        Term(
            "experienced",
            ADL_VERBS + "experienced",
            "experienced",
            "read a lesson (marked it read)",
            SPEC,
        ),
        Term(
            "answered",
            ADL_VERBS + "answered",
            "answered",
            "answered one item of a quiz or exam; the result holds its score",
            SPEC,
        ),
        Term(
            "passed",
            ADL_VERBS + "passed",
            "passed",
            "finished a quiz or exam at or above its pass mark, or a simulator attempt without "
            "a critical finding",
            CMI5,
        ),
        Term(
            "failed",
            ADL_VERBS + "failed",
            "failed",
            "finished a quiz or exam below its pass mark",
            CMI5,
        ),
        Term(
            "attempted",
            ADL_VERBS + "attempted",
            "attempted",
            "submitted a simulator attempt; the result holds safety and efficacy",
            SPEC,
        ),
        Term(
            "mastered",
            ADL_VERBS + "mastered",
            "mastered",
            "reached the course's mastery rule on a simulator exercise (sent once)",
            SPEC,
        ),
        Term(
            "completed",
            ADL_VERBS + "completed",
            "completed",
            "had a supervised logbook case signed by a trainer",
            CMI5,
        ),
        Term(
            "earned",
            "http://id.tincanapi.com/verb/earned",
            "earned",
            "was issued a certificate (an Open Badges 3.0 credential)",
            REGISTRY,
            confirmed=False,
        ),
    )
}

KINDS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "run",
            ADL_ACTIVITIES + "course",
            "course run",
            "a dated run (cohort) of a course; the parent of the run's activities",
            CMI5,
        ),
        Term("lesson", ADL_ACTIVITIES + "lesson", "lesson", "a lesson of a course", SPEC),
        Term(
            "item",
            ADL_ACTIVITIES + "cmi.interaction",
            "item",
            "one item (question) of the item bank",
            SPEC,
        ),
        Term(
            "quiz",
            ADL_ACTIVITIES + "assessment",
            "practice quiz",
            "a module's tutor or practice round (never counted)",
            SPEC,
        ),
        Term("exam", ADL_ACTIVITIES + "assessment", "module exam", "a module's counted exam", SPEC),
        Term(
            "exercise",
            ADL_ACTIVITIES + "simulation",
            "simulator exercise",
            "a thread-placement exercise of the simulator",
            SPEC,
        ),
        Term(
            "case",
            ADL_ACTIVITIES + "performance",
            "supervised case",
            "a supervised clinical case in the learner's logbook",
            SPEC,
        ),
        Term(
            "credential",
            "http://id.tincanapi.com/activitytype/badge",
            "certificate",
            "a certificate issued for a course run",
            REGISTRY,
            confirmed=False,
        ),
    )
}

# Result extensions: our own IRIs under the site's address (`{site}/xapi/extensions/<key>`).
EXTENSIONS: dict[str, str] = {
    "safety": "the simulator's safety score of the attempt, 0-100",
    "efficacy": "the simulator's efficacy score of the attempt, 0-100",
    "mode": "the simulator mode of the attempt (learn or test)",
}


def _iri(term: Term) -> str:
    return f"`{term.iri}`" + ("" if term.confirmed else " (U)")


def markdown() -> str:
    """docs/xapi.md's vocabulary tables (the generated part)."""
    lines = [
        "## Verbs",
        "",
        "| event | verb IRI | when |",
        "|---|---|---|",
        *(f"| {t.key} | {_iri(t)} | {t.meaning} |" for t in VERBS.values()),
        "",
        "## Activity types",
        "",
        "| object | activity type IRI | what |",
        "|---|---|---|",
        *(f"| {t.key} | {_iri(t)} | {t.meaning} |" for t in KINDS.values()),
        "",
        "## Result extensions",
        "",
        "| extension IRI | what |",
        "|---|---|",
        *(f"| `{{site}}/xapi/extensions/{k}` | {v} |" for k, v in EXTENSIONS.items()),
        "",
        f"(U): taken from the community registry ({REGISTRY}); not confirmed at its source.",
        "",
    ]
    return "\n".join(lines)
