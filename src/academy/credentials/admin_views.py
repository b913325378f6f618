"""Academy pages: register, approve, revoke, suspend, renew, checklists, rules, CPD, keys."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role
from academy.catalog.access import get_course_for_admin, get_provider_for_admin, providers_for_admin
from academy.catalog.models import Course, Enrolment
from academy.credentials import access, requirements, services, signing
from academy.credentials.forms import (
    CertificateLookForm,
    PolicyForm,
    ReasonForm,
    RevokeForm,
    RuleForm,
    SearchForm,
)
from academy.credentials.models import (
    AcademyCertificateLook,
    CertificatePolicy,
    CompletionRule,
    Credential,
    CredentialAction,
    CredentialState,
)

admin_only = role_required(Role.ACADEMY_ADMIN)
REGISTER_LIMIT = 200


@admin_only
def register(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    credentials = access.credentials_for_admin(request.user)  # type: ignore[arg-type]
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        credentials = credentials.filter(
            Q(learner__full_name__icontains=query)
            | Q(learner__email__icontains=query)
            | Q(course__title__icontains=query)
        )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="certificates.csv"'
        response["Cache-Control"] = "private, no-store"
        writer = csv.writer(response)
        writer.writerow(
            [
                "credential_id",
                "learner",
                "email",
                "course",
                "state",
                "status",
                "issued",
                "valid_until",
                "cpd_hours",
            ]
        )
        for c in credentials.iterator():
            writer.writerow(
                [c.pk, c.learner.full_name if c.learner else "",
                 c.learner.email if c.learner else "", c.course.title, c.state,
                 "revoked" if c.revoked else "suspended" if c.suspended else "",
                 c.issued_at.date() if c.issued_at else "",
                 c.valid_until.date() if c.valid_until else "", c.cpd_hours or ""]
            )  # fmt: skip
        return response
    providers = list(providers_for_admin(request.user))  # type: ignore[arg-type]
    enrolments = (
        Enrolment.objects.filter(run__course__provider__in=providers, status="enrolled")
        .select_related("learner", "run__course")
        .order_by("-created_at")[:REGISTER_LIMIT]
    )
    return render(
        request,
        "credentials/admin/register.html",
        {
            "form": form,
            "credentials": credentials[:REGISTER_LIMIT],
            "providers": providers,
            "enrolments": enrolments,
            "courses": Course.objects.filter(provider__in=providers, archived=False).order_by(
                "title"
            ),
            "query": query,
        },
    )


def _detail(
    request: HttpRequest,
    credential: Credential,
    *,
    reason_form: ReasonForm | None = None,
    revoke_form: RevokeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "credentials/admin/detail.html",
        {
            "credential": credential,
            "events": credential.events.all()[:100],
            "form": reason_form or ReasonForm(prefix="status"),
            "revoke_form": revoke_form or RevokeForm(prefix="revoke"),
            "withdrawn": services.withdrawal(credential),
        },
        status=status,
    )


@admin_only
def detail(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_credential_for_admin(request.user, credential_id)  # type: ignore[arg-type]
    return _detail(request, credential)


ACTIONS = {
    "revoke": CredentialAction.REVOKED,
    "suspend": CredentialAction.SUSPENDED,
    "unsuspend": CredentialAction.UNSUSPENDED,
}


@admin_only
@require_POST
def change(request: HttpRequest, credential_id: str, action: str) -> HttpResponse:
    """Suspend, lift or revoke, each with a reason; revoking also asks for a confirmation."""
    credential = access.get_credential_for_admin(request.user, credential_id)  # type: ignore[arg-type]
    if action not in ACTIONS:
        return _detail(request, credential, status=404)
    if action == "revoke":
        form: ReasonForm = RevokeForm(request.POST, prefix="revoke")
        if not form.is_valid():
            return _detail(request, credential, revoke_form=form, status=400)  # type: ignore[arg-type]
    else:
        form = ReasonForm(request.POST, prefix="status")
        if not form.is_valid():
            return _detail(request, credential, reason_form=form, status=400)
    try:
        services.set_flag(
            credential,
            ACTIONS[action],
            by=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"{ACTIONS[action].label}. The status list shows it now.")
    except services.CannotIssue as exc:
        messages.error(request, str(exc))
    return redirect("credentials:admin_detail", credential_id=credential.pk)


@admin_only
@require_POST
def approve(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_credential_for_admin(request.user, credential_id)  # type: ignore[arg-type]
    try:
        services.approve(credential, by=request.user)  # type: ignore[arg-type]
        messages.success(request, "Approved: the certificate is being issued.")
    except services.CannotIssue as exc:
        messages.error(request, str(exc))
    return redirect("credentials:admin_detail", credential_id=credential.pk)


@admin_only
@require_POST
def renew(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = access.get_credential_for_admin(request.user, credential_id)  # type: ignore[arg-type]
    try:
        new = services.renew(credential, by=request.user)  # type: ignore[arg-type]
        messages.success(request, "Renewal started: a new certificate replaces this one.")
        return redirect("credentials:admin_detail", credential_id=new.pk)
    except services.CannotIssue as exc:
        messages.error(request, str(exc))
    return redirect("credentials:admin_detail", credential_id=credential.pk)


@admin_only
def enrolment(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    found = access.get_enrolment_for_admin(request.user, enrolment_id)  # type: ignore[arg-type]
    items = services.checklist(found)
    return render(
        request,
        "credentials/admin/enrolment.html",
        {
            "enrolment": found,
            "items": items,
            "all_met": requirements.all_met(items),
            "has_rules": any(item.rule.pk is not None for item in items),
            "credential": services.current_credential(found),
        },
    )


@admin_only
@require_POST
def mark(request: HttpRequest, enrolment_id: int, rule_id: int) -> HttpResponse:
    found = access.get_enrolment_for_admin(request.user, enrolment_id)  # type: ignore[arg-type]
    rule = get_object_or_404(CompletionRule, pk=rule_id, course_id=found.run.course_id)
    try:
        services.mark_requirement(found, rule, by=request.user)  # type: ignore[arg-type]
        messages.success(request, f"Marked met: {rule.label}.")
    except services.CannotIssue as exc:
        messages.error(request, str(exc))
    return redirect("credentials:admin_enrolment", enrolment_id=found.pk)


@admin_only
@require_POST
def issue(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    found = access.get_enrolment_for_admin(request.user, enrolment_id)  # type: ignore[arg-type]
    try:
        credential = services.request_issue(found, by=request.user)  # type: ignore[arg-type]
        if credential.state == CredentialState.AWAITING_APPROVAL:
            services.approve(credential, by=request.user)  # type: ignore[arg-type]
        messages.success(request, "The certificate is being issued.")
    except services.CannotIssue as exc:
        messages.error(request, str(exc))
    return redirect("credentials:admin_enrolment", enrolment_id=found.pk)


@admin_only
def rules(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_admin(request.user, course_id)  # type: ignore[arg-type]
    policy, _ = CertificatePolicy.objects.get_or_create(course=course)
    rule_form = RuleForm(prefix="rule", course=course)
    policy_form = PolicyForm(instance=policy, prefix="policy")
    status = 200
    if request.method == "POST":
        if "rule-kind" in request.POST:
            rule_form = RuleForm(request.POST, prefix="rule", course=course)
            if rule_form.is_valid():
                services.rule_add(
                    course,
                    kind=rule_form.cleaned_data["kind"],
                    label=rule_form.cleaned_data["label"],
                    params=rule_form.params(),
                )
                messages.success(request, "Requirement added.")
                return redirect("credentials:rules", course_id=course.pk)
        else:
            policy_form = PolicyForm(request.POST, instance=policy, prefix="policy")
            if policy_form.is_valid():
                policy_form.save()
                messages.success(request, "Certificate settings saved.")
                return redirect("credentials:rules", course_id=course.pk)
        status = 400
    return render(
        request,
        "credentials/admin/rules.html",
        {
            "course": course,
            "rules": [
                (r, requirements.kind_label(r.kind), services.rule_params_text(r))
                for r in course.completion_rules.all()
            ],
            "rule_form": rule_form,
            "policy_form": policy_form,
            "kind_params": {k.kind: list(k.params) for k in requirements.kinds()},
        },
        status=status,
    )


@admin_only
@require_POST
def rule_delete(request: HttpRequest, course_id: int, rule_id: int) -> HttpResponse:
    course = get_course_for_admin(request.user, course_id)  # type: ignore[arg-type]
    get_object_or_404(CompletionRule, pk=rule_id, course=course).delete()
    messages.success(request, "Requirement removed.")
    return redirect("credentials:rules", course_id=course.pk)


@admin_only
def cpd(request: HttpRequest) -> HttpResponse:
    providers = list(providers_for_admin(request.user).values_list("pk", flat=True))  # type: ignore[arg-type]
    return render(request, "credentials/admin/cpd.html", {"rows": services.cpd_summary(providers)})


@admin_only
@require_POST
def rotate(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_provider_for_admin(request.user, provider_id)  # type: ignore[arg-type]
    key = signing.rotate_key(provider)
    messages.success(
        request,
        f"New signing key {key.fragment}. Older keys stay published; old certificates verify.",
    )
    return redirect("credentials:register")


@admin_only
def look(request: HttpRequest, provider_id: int) -> HttpResponse:
    """The academy's logo and signatory on its certificates."""
    provider = get_provider_for_admin(request.user, provider_id)  # type: ignore[arg-type]
    current, _ = AcademyCertificateLook.objects.get_or_create(provider=provider)
    form = CertificateLookForm(instance=current)
    if request.method == "POST":
        form = CertificateLookForm(request.POST, request.FILES, instance=current)
        if form.is_valid():
            services.look_save(form)
            messages.success(request, "Certificate look saved: new PDFs show it.")
            return redirect("credentials:look", provider_id=provider.pk)
    return render(
        request,
        "credentials/admin/look.html",
        {"provider": provider, "form": form, "look": current},
        status=400 if form.errors else 200,
    )


@admin_only
def look_image(request: HttpRequest, provider_id: int, which: str) -> HttpResponse:
    """The stored logo or signature, for the academy's own admins only (never public)."""
    provider = get_provider_for_admin(request.user, provider_id)  # type: ignore[arg-type]
    current = get_object_or_404(AcademyCertificateLook, provider=provider)
    field = {"logo": current.logo, "signature": current.signature}.get(which)
    if not field:
        raise Http404("No such image.")
    with field.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
