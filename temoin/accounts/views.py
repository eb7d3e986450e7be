"""Logging in and out, the login steps, and the staff home page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from temoin.accounts import actions, keys, login, queries, sessions, twofactor
from temoin.accounts.access import current_member, staff_required
from temoin.accounts.forms import ChangePasswordForm, CodeForm, EnrolForm, LoginForm
from temoin.accounts.sessions import Step

BAD_FORM = 400


def _only_at(request: HttpRequest, *allowed: Step | None) -> HttpResponse | None:
    """A redirect to the right step unless this session is at one of ``allowed``."""
    step = sessions.next_step(request)
    if step in allowed:
        return None
    if step is None:
        return HttpResponseRedirect(reverse("accounts:home"))
    return sessions.redirect_to_step(request, step)


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: user name and password."""
    if sessions.staff_member(request) is not None:
        return sessions.continue_login(request)
    form = LoginForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            password = form.cleaned_data["password"]
            member = login.do_check_password(form.cleaned_data["username"], password)
            if member is not None:
                org = actions.open_member_keys(member, password)
                sessions.begin(request, member, request.GET.get("next", ""))
                if org is not None:
                    keys.hold_org_keys(request, org)
                return sessions.continue_login(request)
            form.add_error(None, str(login.LOGIN_FAILED))
        return render(request, "accounts/login.html", {"form": form}, status=BAD_FORM)
    return render(request, "accounts/login.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def code_view(request: HttpRequest) -> HttpResponse:
    """Step 2: a code from the authenticator app, or a recovery code."""
    wrong_step = _only_at(request, Step.CODE)
    if wrong_step is not None:
        return wrong_step
    member = current_member(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            device = login.do_verify_second_factor(member, form.cleaned_data["code"])
            if device is not None:
                sessions.complete(request, device)
                login.do_record_login(member, device)
                return sessions.continue_login(request)
            if member.is_locked_now():
                sessions.end(request)
                messages.error(request, str(login.LOGIN_FAILED))
                return redirect("accounts:login")
            form.add_error("code", str(login.CODE_FAILED))
        return render(request, "accounts/code.html", {"form": form}, status=BAD_FORM)
    return render(request, "accounts/code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def password_view(request: HttpRequest) -> HttpResponse:
    """Change one's own password (step 3 after a one-time password)."""
    wrong_step = _only_at(request, Step.PASSWORD, None)
    if wrong_step is not None:
        return wrong_step
    member = current_member(request)
    first_time = member.must_change_password
    form = ChangePasswordForm(member, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.do_change_password(
                    member, form.cleaned_data["current"], form.cleaned_data["new"]
                )
            except actions.AccountError as error:
                if login.do_register_failed_login(member, stage="password_change"):
                    sessions.end(request)
                    messages.error(request, str(login.LOGIN_FAILED))
                    return redirect("accounts:login")
                form.add_error("current", str(error))
            else:
                sessions.keep_after_password_change(request, member)
                messages.success(request, _("Your password is changed."))
                return sessions.continue_login(request)
        context = {"form": form, "first_time": first_time}
        return render(request, "accounts/password.html", context, status=BAD_FORM)
    return render(
        request, "accounts/password.html", {"form": form, "first_time": first_time}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    """Step 4: set up the authenticator app; then show the recovery codes once."""
    wrong_step = _only_at(request, Step.ENROL)
    if wrong_step is not None:
        return wrong_step
    member = current_member(request)
    device = twofactor.do_start_totp_enrolment(member)
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            codes = twofactor.do_confirm_totp_enrolment(
                member, form.cleaned_data["code"]
            )
            confirmed = twofactor.confirmed_totp_device(member)
            if codes is not None and confirmed is not None:
                sessions.complete(request, confirmed)
                login.do_record_login(member, confirmed)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {"codes": codes, "first_time": True},
                )
            form.add_error("code", str(login.CODE_FAILED))
        status = BAD_FORM
    context = {
        "form": form,
        "secret": twofactor.secret_for_display(device),
        "otpauth_uri": device.config_url,
    }
    return render(request, "accounts/enrol.html", context, status=status)


@never_cache
@require_GET
def enrol_qr_view(request: HttpRequest) -> HttpResponse:
    """The enrolment QR code, as an SVG from our own origin (CSP: img-src 'self')."""
    if _only_at(request, Step.ENROL) is not None:
        raise Http404("not enrolling")
    device = twofactor.pending_totp_device(current_member(request))
    if device is None:
        raise Http404("not enrolling")
    return HttpResponse(twofactor.qr_svg(device), content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left; new ones on request (shown once)."""
    member = current_member(request)
    if request.method == "POST":
        codes = twofactor.do_regenerate_recovery_codes(member)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "first_time": False},
        )
    remaining = twofactor.remaining_recovery_codes(member)
    return render(request, "accounts/recovery_status.html", {"remaining": remaining})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    member = sessions.staff_member(request)
    if member is not None:
        login.do_record_logout(member)
    sessions.end(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@never_cache
@require_GET
@staff_required
def home_view(request: HttpRequest) -> HttpResponse:
    """The staff home page (the inbox will live here)."""
    member = current_member(request)
    context = {
        "member": member,
        "holds_keys": keys.holds_keys(request),
        "has_grant": queries.is_key_holder(member),
        "recovery_codes_left": twofactor.remaining_recovery_codes(member),
    }
    return render(request, "accounts/home.html", context)
