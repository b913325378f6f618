"""Registration verification pages: the verifiers' list, queue and decision (platform
registration verifiers only), and the practitioner's request with their evidence."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from academy.accounts import services, verification
from academy.accounts.access import (
    get_practitioner_profile_for_verifier,
    get_profile_for_user,
    login_required,
    practitioner_profiles_for_verifier,
    role_required,
)
from academy.accounts.forms import VerificationRequestForm, VerifyForm
from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.selectors import (
    duplicate_registration_keys,
    other_profiles_with_registration,
    registration_key,
)
from threadlift.catalog import RegistrationCheck, check_registration
from threadlift.knowledge import load_knowledge

PAGE_SIZE = 50
SHOWS = {
    "unverified": "Awaiting verification",
    "duplicates": "Numbers given by more than one account",
    "verified": "Verified",
    "all": "All practitioners",
}


def _check(profile: PractitionerProfile) -> RegistrationCheck:
    return check_registration(
        load_knowledge(),
        regulator=profile.regulator,
        number=profile.registration_number,
        jurisdiction=profile.jurisdiction,
        profession=profile.profession,
    )


@role_required(Role.VERIFIER)
def practitioner_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    profiles = practitioner_profiles_for_verifier(user).order_by("verified", "user__email", "pk")
    duplicates = duplicate_registration_keys()
    show = request.GET.get("show", "unverified")
    if show not in SHOWS:
        show = "unverified"
    if show == "unverified":
        profiles = profiles.filter(verified=False)
    elif show == "verified":
        profiles = profiles.filter(verified=True)
    elif show == "duplicates":
        numbers = {number for _, number in duplicates}
        profiles = profiles.filter(registration_number__in=numbers)
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "profile": p,
            "check": _check(p),
            "duplicate": registration_key(p.regulator, p.registration_number) in duplicates,
            "self": p.user_id == user.pk,
        }
        for p in page.object_list
    ]
    return render(
        request,
        "accounts/practitioners.html",
        {
            "rows": rows,
            "page": page,
            "show": show,
            "show_label": SHOWS[show],
            "shows": SHOWS,
            "register_marks": sorted({m for r in load_knowledge().registers for m in r.marks}),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.VERIFIER)
def practitioner_verify(request: HttpRequest, profile_id: int) -> HttpResponse:
    """One registration: the checks, the decision form and every past event."""
    user = request.user
    assert isinstance(user, User)
    profile = get_practitioner_profile_for_verifier(user, profile_id)
    refusal = services.verification_refusal(profile, user)
    form = VerifyForm(
        request.POST or None,
        initial={"action": "revoked" if profile.verified else "verified"},
    )
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal)
        if form.is_valid():
            data = form.cleaned_data
            try:
                event = services.verification_record(
                    profile_id=profile.pk,
                    by=user,
                    action=data["action"],
                    evidence=data["evidence"],
                    evidence_reference=data["evidence_reference"],
                    note=data["note"],
                )
            except services.VerificationError as exc:
                form.add_error(exc.field, exc.message)
            else:
                messages.success(
                    request,
                    f"{profile.user}: {event.get_action_display().lower()}. "
                    "They will be told by e-mail.",
                )
                return redirect("accounts:practitioners")
    return render(
        request,
        "accounts/practitioner_verify.html",
        {
            "profile": profile,
            "check": _check(profile),
            "others": other_profiles_with_registration(profile),
            "events": profile.verification_events.select_related("by")[:100],
            "open_request": verification.open_request_for(profile),
            "form": form,
            "refusal": refusal,
        },
        status=400 if request.method == "POST" else 200,
    )


# Asking to be verified, the verifiers' queue, and the evidence file -------------------------


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_http_methods(["GET", "POST"])
@login_required
def verification_request(request: HttpRequest) -> HttpResponse:
    """Upload the evidence and ask a registration verifier to check the registration."""
    user = request.user
    assert isinstance(user, User)
    profile = get_profile_for_user(user)
    if profile is None:
        raise PermissionDenied("Only practitioners with a profile can ask for verification.")
    form = VerificationRequestForm(request.POST or None, request.FILES or None)
    waiting = verification.open_request_for(profile)
    back = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            content, content_type = verification.clean_evidence(form.cleaned_data["evidence"])
            verification.verification_request_create(
                user=user,
                content=content,
                content_type=content_type,
                message=form.cleaned_data["message"],
            )
        except verification.RequestProblem as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(
                request,
                "Your request is with the registration verifiers. You will get their decision "
                "by e-mail.",
            )
            return redirect(back or "accounts:verification_request")
    return render(
        request,
        "accounts/verification_request.html",
        {
            "profile": profile,
            "form": form,
            "waiting": waiting,
            "wait": verification.waiting_time(),
            "next": back,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.VERIFIER)
def verification_queue(request: HttpRequest) -> HttpResponse:
    """Open requests, oldest first, with how long each has waited."""
    user = request.user
    assert isinstance(user, User)
    requests = verification.open_requests_for_verifier(user)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [
        {"request": r, "waited": verification.in_words(now - r.requested_at)}
        for r in page.object_list
    ]
    return render(
        request,
        "accounts/verification_queue.html",
        {"rows": rows, "page": page, "wait": verification.waiting_time(now)},
    )


@login_required
def verification_evidence(request: HttpRequest, request_id: int) -> HttpResponse:
    """The evidence file, for its owner and the verifiers only; never cached."""
    user = request.user
    assert isinstance(user, User)
    item = verification.get_verification_request_for_user(user, request_id)
    with item.evidence.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=item.evidence_type)
    extension = "pdf" if item.evidence_type == "application/pdf" else "jpg"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = (
        f'attachment; filename="registration-evidence-{item.pk}.{extension}"'
    )
    return response
