"""The audit log page: admins only, newest first, paginated, filtered."""

from __future__ import annotations

from typing import Any

from django.test import Client

from temoin.audit.actions import record
from tests.accounts.conftest import Persona


def _rows(response: Any) -> str:
    html: str = response.content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_it_shows_the_log_to_admins_newest_first(
    maria: Persona, maria_client: Client, anna: Persona
) -> None:
    record(anna.member, "test.happened", ("cases.case", 7), step=1)
    page = maria_client.get("/en/staff/audit/").content.decode()
    html = page[page.index("<tbody>") :]
    assert html.index("test.happened") < html.index("staff.created")
    assert "cases.case 7" in html
    assert "step=1" in html


def test_it_filters_by_actor_and_action(
    maria: Persona, maria_client: Client, anna: Persona
) -> None:
    record(anna.member, "test.happened")
    record(maria.member, "test.other")
    by_anna = _rows(
        maria_client.get("/en/staff/audit/", {"actor": str(anna.member.pk)})
    )
    assert "test.happened" in by_anna and "test.other" not in by_anna
    other = maria_client.get("/en/staff/audit/", {"action": "test.other"})
    assert other.status_code == 200
    assert "test.happened" not in _rows(other)


def test_it_paginates(maria: Persona, maria_client: Client) -> None:
    for n in range(60):
        record(maria.member, "test.page", step=n)
    first = maria_client.get("/en/staff/audit/", {"action": "test.page"})
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert "step=59<" in _rows(first) and "step=9<" not in _rows(first)
    assert "action=test.page&amp;page=2" in html
    second = maria_client.get("/en/staff/audit/", {"action": "test.page", "page": "2"})
    assert "step=9<" in _rows(second)
    # a page number out of range shows the last page, not an error
    assert maria_client.get("/en/staff/audit/", {"page": "999"}).status_code == 200


def test_it_answers_a_bad_filter_clearly(maria_client: Client) -> None:
    response = maria_client.get("/en/staff/audit/", {"actor": "nobody"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
