"""The writes of the logbook. Each checks what the view's access helper cannot (signed or not,
trainer of this run) again inside its transaction, so a stale page cannot slip a change in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Course
from academy.core import completion, events
from academy.logbook.access import can_sign_off_competency, is_trainer_of
from academy.logbook.hooks import case_saved
from academy.logbook.models import Amendment, Case, CasePhoto, CompetencySignoff, Dops
from academy.logbook.signing import case_content, dops_content, sha256_of
from academy.logbook.vocab import DopsStatus
from threadlift.assessment import aftercare_schedule
from threadlift.knowledge import load_knowledge


class CaseLocked(PermissionDenied):
    """The case is signed: it changes only by an amendment."""


def follow_ups_for(day: dt.date, indication: str, product_ids: list[str]) -> list[dict[str, str]]:
    """The follow-up visits of the aftercare schedule, dated from the case date."""
    kb = load_knowledge()
    known = {p.id: p for p in kb.products}
    designs = [known[p].design for p in product_ids if p in known]
    schedule = aftercare_schedule(kb, day, indication, designs)  # type: ignore[arg-type]
    return [
        {"label": v.label, "earliest": v.earliest.isoformat(), "latest": v.latest.isoformat()}
        for v in schedule.visits
    ]


@transaction.atomic
def case_save(*, learner: User, form: Any, products: Any) -> Case:
    """Create or edit (unsigned) a case from a valid CaseForm and product formset."""
    case: Case = form.instance
    if case.pk:
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.is_signed or locked.learner_id != learner.pk:
            raise CaseLocked("A signed case changes only by an amendment.")
    case.learner = learner
    case.plan = form.plan_json
    case.plan_score = form.score_json
    case = form.save()
    products.instance = case
    products.save()
    ids = list(case.products.values_list("product", flat=True))
    case.follow_ups = follow_ups_for(case.date, case.indication, ids)
    case.full_clean()
    case.save(update_fields=["follow_ups", "updated_at"])
    case_saved(case)
    return case


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def case_amend(*, author: User, form: Any, reason: str) -> Amendment | None:
    """Apply a CaseForm's changes to a signed case as a recorded amendment (None: no change)."""
    case: Case = form.instance
    before = Case.objects.select_for_update().get(pk=case.pk)
    if before.learner_id != author.pk:
        raise PermissionDenied("Only the case's learner amends it.")
    changes: dict[str, list[Any]] = {}
    for name in [*form.changed_data, "plan"]:
        if name in ("reference", "plan_text"):
            continue
        old = getattr(before, name, None)
        new = form.plan_json if name == "plan" else form.cleaned_data.get(name)
        if name == "run":
            old, new = before.run_id, getattr(new, "pk", new)
        if _jsonable(old) != _jsonable(new):
            changes[name] = [_jsonable(old), _jsonable(new)]
    if not changes:
        return None
    case.plan = form.plan_json
    case.plan_score = form.score_json
    case._change_reason = f"Amendment: {reason}"[:100]  # type: ignore[attr-defined]
    form.save()
    amendment = Amendment(case=case, author=author, reason=reason, changes=changes)
    amendment.full_clean()
    amendment.save()
    return amendment


def photo_add(
    *, case: Case, user: User, kind: str, content: Any, width: int, height: int
) -> CasePhoto:
    if case.is_signed:
        raise CaseLocked("Photos are added before the case is signed.")
    photo = CasePhoto(case=case, kind=kind, width=width, height=height, uploaded_by=user)
    photo.file.save(content.name, content, save=False)
    photo.full_clean()
    photo.save()
    return photo


class DopsAlreadyRequested(Exception):
    """The case already has a DOPS (requested or signed): one procedure, one assessment."""


def dops_request(*, case: Case, trainer: User) -> Dops:
    """Ask a trainer of the run to assess this case. A case has one DOPS: a second request (the
    same trainer or another, before or after signing) is refused, so one procedure cannot count
    twice towards a DOPS rule."""
    if not is_trainer_of(trainer, case.run):
        raise PermissionDenied("Choose one of the run's trainers.")
    try:
        with transaction.atomic():
            Case.objects.select_for_update().get(pk=case.pk)
            existing = case.dops.select_related("trainer").first()
            if existing is not None:
                raise DopsAlreadyRequested(
                    f"This case already has a DOPS ({existing.get_status_display().lower()}, "
                    f"{existing.trainer}): one case is assessed once."
                )
            dops = Dops(case=case, trainer=trainer, status=DopsStatus.REQUESTED)
            dops.full_clean(validate_constraints=False)  # the database holds one open request
            dops.save()
            return dops
    except IntegrityError:
        raise DopsAlreadyRequested("This case already has a DOPS request.") from None


@transaction.atomic
def dops_sign(*, dops: Dops, signer: User, method: str, form: Any, now: dt.datetime) -> Dops:
    """Sign a DOPS (and the case, when not signed yet): who, when, how and the hash."""
    dops = (
        Dops.objects.select_for_update()
        .select_related("case", "case__run", "case__learner")
        .get(pk=dops.pk)
    )
    if dops.status == DopsStatus.SIGNED:
        raise PermissionDenied("A signed DOPS cannot be changed.")
    if not is_trainer_of(signer, dops.case.run) or signer.pk == dops.case.learner_id:
        raise PermissionDenied("Only a trainer of the case's run signs its DOPS.")
    dops.ratings = form.ratings()
    dops.overall = form.cleaned_data["overall"]
    dops.strengths = form.cleaned_data["strengths"]
    dops.development = form.cleaned_data["development"]
    dops.content_hash = sha256_of(dops_content(dops, signer, now))
    dops.status = DopsStatus.SIGNED
    dops.signed_by, dops.signed_at, dops.signed_with = signer, now, method
    dops.trainer = signer
    dops.full_clean()
    dops.save()
    case_countersign(case=dops.case, signer=signer, when=now)
    # A signed DOPS may meet a DOPS-level rule even when the case was signed before.
    completion.work_recorded(learner_id=dops.case.learner_id, run_id=dops.case.run_id)
    return dops


def case_countersign(*, case: Case, signer: User, when: dt.datetime | None = None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.is_signed:
        return case
    if not is_trainer_of(signer, case.run) or signer.pk == case.learner_id:
        raise PermissionDenied("Only a trainer of the case's run signs it.")
    case.signed_at = when or timezone.now()
    case.signed_by = signer
    case.signed_hash = sha256_of(
        {
            "case": case_content(case),
            "signed_by": signer.email,
            "signed_at": case.signed_at.isoformat(),
        }
    )
    case._change_reason = "Signed by a trainer"  # type: ignore[attr-defined]
    case.full_clean()
    case.save(update_fields=["signed_at", "signed_by", "signed_hash", "updated_at"])
    completion.work_recorded(learner_id=case.learner_id, run_id=case.run_id)  # cases signed
    events.emit(
        learner_id=case.learner_id,
        verb="completed",
        object=events.Thing(
            "case", str(case.pk), f"Supervised case: {case.indication}", case.run_id
        ),
        at=case.signed_at,
        key=f"case-signed:{case.pk}",
        result=events.Result(completion=True, success=True),
    )
    return case


@transaction.atomic
def competency_rules_save(*, formset: Any) -> None:
    """Save a course's practice rules from a valid RuleFormSet (each form validated its rule)."""
    formset.save()


@transaction.atomic
def competency_sign_off(
    *,
    learner: User,
    course: Course,
    signer: User,
    method: str,
    evidence: dict[str, Any],
    now: dt.datetime,
) -> CompetencySignoff:
    if not can_sign_off_competency(signer, learner, course):
        raise PermissionDenied("Only a trainer of the learner's run signs off competency.")
    if CompetencySignoff.objects.filter(learner=learner, course=course).exists():
        raise PermissionDenied("This competency is already signed off.")
    payload = {
        "learner": learner.email,
        "course": course.pk,
        "evidence": evidence,
        "signed_by": signer.email,
        "signed_at": now.isoformat(),
    }
    signoff = CompetencySignoff(
        learner=learner,
        course=course,
        signed_by=signer,
        signed_at=now,
        signed_with=method,
        content_hash=sha256_of(payload),
    )
    signoff.full_clean()
    signoff.save()
    completion.work_recorded(learner_id=learner.pk, course_id=course.pk)
    return signoff
