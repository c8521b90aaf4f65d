from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import QueuedPasswordResetForm
from accounts.lockout import (
    login_failed,
    login_is_locked,
    login_logged,
    login_refused,
    login_succeeded,
)
from accounts.services import user_set_language
from core.http import client_address
from core.views import FormPageMixin


def locked_message() -> str:
    return _(
        "Too many failed sign-ins for this user from this address. Try again in %(minutes)s "
        "minutes, or reset your password."
    ) % {"minutes": settings.LOGIN_LOCKOUT_MINUTES}


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        httponly=True,
    )


class LoginView(FormPageMixin, auth_views.LoginView):
    """Sign-in; repeated failures lock the (user name, address) pair for a while."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _pair(self) -> dict:
        return {
            "username": self.request.POST.get("username", ""),
            "address": client_address(self.request),
        }

    def post(self, request, *args, **kwargs):
        if login_is_locked(**self._pair()):
            login_refused(**self._pair())
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, locked_message())
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self.request.POST.get("username"):
            login_failed(**self._pair())
        return super().form_invalid(form)

    def form_valid(self, form):
        login_succeeded(**self._pair())
        response = super().form_valid(form)
        login_logged(user=form.get_user(), address=self._pair()["address"])
        language = form.get_user().language
        if language:
            _set_language_cookie(response, language)
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(FormPageMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(FormPageMixin, auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(FormPageMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def language_switch(request):
    """Switch the interface language and remember it for the signed-in user.

    An unknown language code falls back to English; a ``next`` that leaves the site is
    replaced by the home page.
    """
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    response = redirect(target)
    _set_language_cookie(response, language)
    return response
