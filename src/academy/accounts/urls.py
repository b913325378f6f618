from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from academy.accounts import mfa, verify_views, views
from academy.accounts.forms import LoginForm
from academy.accounts.passwords import QueuedPasswordResetForm, UnlockingPasswordResetConfirmView

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_done, name="signup_done"),
    path("confirm-email/", views.confirm_email_needed, name="confirm_email_needed"),
    path("confirm-email/<str:token>/", views.confirm_email, name="confirm_email"),
    path("second-factor/", mfa.overview, name="mfa"),
    path("second-factor/set-up/", mfa.setup, name="mfa_setup"),
    path("second-factor/verify/", mfa.verify, name="mfa_verify"),
    path("second-factor/recovery-codes/", mfa.recovery_codes, name="mfa_recovery_codes"),
    path("second-factor/remove/", mfa.remove, name="mfa_remove"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile_edit, name="profile"),
    path("email/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("email/cancel/", views.email_cancel, name="email_cancel"),
    path("trainer-profile/", views.trainer_profile_edit, name="trainer_profile"),
    path("practitioners/", verify_views.practitioner_list, name="practitioners"),
    path(
        "verification/request/",
        verify_views.verification_request,
        name="verification_request",
    ),
    path("verification/queue/", verify_views.verification_queue, name="verification_queue"),
    path(
        "verification/requests/<int:request_id>/evidence/",
        verify_views.verification_evidence,
        name="verification_evidence",
    ),
    path("practitioners/<int:profile_id>/verify/", verify_views.practitioner_verify, name="verify"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            form_class=QueuedPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        UnlockingPasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
