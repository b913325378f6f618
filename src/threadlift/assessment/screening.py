"""Body-dysmorphic screening scored exactly as published: the BDDQ-AS positive rule and the
DCQ total against its cut-offs, both taken from the knowledge base's instruments.

A BDDQ-AS whose rule cannot be decided from the answers given (items 1 and 2 yes and the items
that could still make it positive left blank) is `complete=False`: a screen not finished, never
a negative one. Decided means every way of filling in the blanks gives the same result."""

from __future__ import annotations

from collections.abc import Mapping

from threadlift.assessment.common import Cited, Frozen
from threadlift.assessment.profile import BddqAs, Screening
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas.instruments import ItemCondition, RuleGroup
from threadlift.knowledge.vocab import Mark


class BddqAsResult(Cited):
    """`positive` by the published rule; `complete` when the answers given decide the rule
    (an incomplete screen is not negative: it is not finished)."""

    positive: bool
    rule: str
    complete: bool = True


class CutOffResult(Frozen):
    at_least: int
    met: bool
    note: str | None
    source: str
    marks: tuple[Mark, ...] = ()


class DcqResult(Cited):
    total: int
    positive: bool
    cut_off: int
    other_cut_offs: tuple[CutOffResult, ...]


class ScreeningResult(Frozen):
    """Both screens as scored; `positive` if either is; `done` if either was recorded;
    `incomplete` if a recorded screen could not be decided (see `BddqAsResult.complete`)."""

    bddq_as: BddqAsResult | None
    dcq: DcqResult | None
    positive: bool
    done: bool
    incomplete: bool = False


def score_bddq_as(answers: BddqAs, kb: KnowledgeBase) -> BddqAsResult:
    """Positive if items 1 and 2 are yes and (any of items 3-6 scores 3 or more, or item 7 is
    yes), evaluated by the instrument's own rule."""
    instrument = kb.instrument("bddq_as")
    rule = instrument.positive_rule
    assert rule is not None, "the bddq_as instrument must carry its positive rule"
    given = answers.answers()
    return BddqAsResult(
        positive=rule.is_met(given),
        complete=decided(rule, given) is not None,
        rule=instrument.notes[0] if instrument.notes else "published positive rule",
        sources=instrument.sources,
        evidence=instrument.evidence,
        marks=instrument.marks,
    )


def decided(rule: RuleGroup | ItemCondition, answers: Mapping[int, bool | int]) -> bool | None:
    """The rule's value if the answers given decide it whatever the blank items would say,
    else None (three-valued: a blank item is unknown)."""
    if isinstance(rule, ItemCondition):
        values = [_item(rule, answers.get(n)) for n in rule.items]
        op = rule.quantifier
    else:
        values = [decided(term, answers) for term in rule.terms]
        op = rule.op
    if op == "any":
        return True if True in values else (False if None not in values else None)
    return False if False in values else (True if None not in values else None)


def _item(rule: ItemCondition, answer: bool | int | None) -> bool | None:
    if answer is None:
        return None
    if rule.answer_yes is not None:
        return bool(answer) is rule.answer_yes
    assert rule.at_least is not None
    return not isinstance(answer, bool) and answer >= rule.at_least


def score_dcq(items: tuple[int, ...], kb: KnowledgeBase) -> DcqResult:
    """Total of the seven items (0-21); positive at the published cut-off (9); the other
    cut-offs in use are reported beside it."""
    instrument = kb.instrument("dcq")
    assert instrument.cut_off is not None, "the dcq instrument must carry its cut-off"
    if instrument.item_count is not None and len(items) != instrument.item_count:
        raise ValueError(f"the DCQ has {instrument.item_count} items, got {len(items)}")
    total = sum(items)
    return DcqResult(
        total=total,
        positive=total >= instrument.cut_off.at_least,
        cut_off=instrument.cut_off.at_least,
        other_cut_offs=tuple(
            CutOffResult(
                at_least=c.at_least,
                met=total >= c.at_least,
                note=c.note,
                source=c.source,
                marks=c.marks,
            )
            for c in instrument.alternative_cut_offs
        ),
        sources=instrument.sources,
        evidence=instrument.evidence,
        marks=instrument.marks,
    )


def score_screening(screening: Screening, kb: KnowledgeBase) -> ScreeningResult:
    bddq = score_bddq_as(screening.bddq_as, kb) if screening.bddq_as is not None else None
    dcq = score_dcq(screening.dcq, kb) if screening.dcq is not None else None
    return ScreeningResult(
        bddq_as=bddq,
        dcq=dcq,
        positive=bool((bddq and bddq.positive) or (dcq and dcq.positive)),
        done=bddq is not None or dcq is not None,
        incomplete=bddq is not None and not bddq.complete,
    )
