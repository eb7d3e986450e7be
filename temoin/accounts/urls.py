from django.urls import path

from temoin.accounts import people, views

app_name = "accounts"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/code/", views.code_view, name="code"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_view, name="password"),
    path("two-factor/", views.enrol_view, name="enrol"),
    path("two-factor/qr.svg", views.enrol_qr_view, name="enrol-qr"),
    path(
        "two-factor/recovery-codes/", views.recovery_codes_view, name="recovery-codes"
    ),
    path("people/", people.people_view, name="people"),
    path("people/new/", people.person_new_view, name="person-new"),
    path("people/<int:member_id>/", people.person_view, name="person"),
    path(
        "people/<int:member_id>/roles/", people.person_roles_view, name="person-roles"
    ),
    path(
        "people/<int:member_id>/grant/", people.person_grant_view, name="person-grant"
    ),
    path(
        "people/<int:member_id>/revoke/",
        people.person_revoke_view,
        name="person-revoke",
    ),
    path(
        "people/<int:member_id>/reset-password/",
        people.person_reset_password_view,
        name="person-reset-password",
    ),
    path(
        "people/<int:member_id>/reset-two-factor/",
        people.person_reset_two_factor_view,
        name="person-reset-two-factor",
    ),
    path(
        "people/<int:member_id>/unlock/",
        people.person_unlock_view,
        name="person-unlock",
    ),
]
