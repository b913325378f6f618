"""QR check-in at a practical session: the trainer's code page and the learner's check-in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from academy.accounts.access import login_required_back_to, role_required
from academy.accounts.models import User
from academy.practice import access, checkin, services
from academy.practice.access import TEACHING_ROLES
from academy.practice.models import PracticalSession


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*TEACHING_ROLES)
def checkin_code(request: HttpRequest, session_id: int) -> HttpResponse:
    import segno

    assert isinstance(request.user, User)
    session = access.get_session_for_teacher(request.user, session_id).session
    link = request.build_absolute_uri(
        reverse("practice:checkin", args=[checkin.make_token(session.pk)])
    )
    qr = segno.make(link, error="m")
    context = {
        "session": session,
        "link": link,
        "qr_svg": mark_safe(qr.svg_inline(scale=6, title="Check-in code for this session")),
        "minutes": checkin.MAX_AGE_SECONDS // 60,
    }
    return _private(render(request, "practice/checkin_code.html", context))


@login_required_back_to("practice:checkin", "token")
def checkin_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks the learner to confirm (a link preview must not check anyone in); POST checks in."""
    assert isinstance(request.user, User)
    try:
        session_id = checkin.read_token(token)
    except checkin.BadToken as exc:
        return _private(
            render(request, "practice/checkin.html", {"error": exc.message}, status=400)
        )
    session = PracticalSession.objects.select_related("run__course").filter(pk=session_id).first()
    context: dict[str, object] = {"session": session, "token": token}
    if request.method == "POST":
        try:
            services.booking_check_in(session_id=session_id, learner=request.user)
        except services.PracticeError as exc:
            context["error"] = exc.message
            return _private(render(request, "practice/checkin.html", context, status=403))
        context["done"] = True
    return _private(render(request, "practice/checkin.html", context))
