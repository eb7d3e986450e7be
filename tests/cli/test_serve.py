"""`temoin serve` as a real process: security headers, and logs with no
client address or user agent in them."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import CLIENT_HOST, RunningServer

USER_AGENT = "Canary-Agent/7.7 (witness-phone-4471)"
FORWARDED_FOR = "198.51.100.77"


def fetch(server: RunningServer, method: str, path: str) -> http.client.HTTPResponse:
    parts = urlsplit(server.url)
    assert parts.hostname is not None and parts.port is not None
    # Speak from a loopback address of our own, so it can be looked for in logs.
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=30, source_address=(CLIENT_HOST, 0)
    )
    connection.request(
        method,
        path,
        headers={
            "User-Agent": USER_AGENT,
            "X-Forwarded-For": FORWARDED_FOR,
            "X-Real-IP": FORWARDED_FOR,
            "Referer": "http://referrer.example/from-a-witness",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_it_sends_security_headers_on_every_response(
    live_server_process: RunningServer,
) -> None:
    for path, status in [("/ru/", 200), ("/fr/", 200), ("/en/no-such-page/", 404)]:
        response = fetch(live_server_process, "GET", path)
        assert response.status == status, path
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "http" not in csp.replace("report-uri", "")  # no third-party origin
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "geolocation=()" in headers["Permissions-Policy"]
        assert headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in headers  # not served over TLS


def test_it_serves_its_own_stylesheet(live_server_process: RunningServer) -> None:
    response = fetch(live_server_process, "GET", "/static/temoin/temoin.css")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/css")


def test_it_logs_no_client_address_or_user_agent(
    live_server_process: RunningServer, tmp_path: Path
) -> None:
    # Given requests that succeed, fail and are refused
    for method, path in [
        ("GET", "/"),
        ("GET", "/ru/"),
        ("GET", "/ru/missing/"),
        ("POST", "/ru/"),
        ("POST", "/csp-report/"),
    ]:
        fetch(live_server_process, method, path)
    # When the server has written its logs
    logs = live_server_process.logs()
    # Then the requests are logged, but nothing identifies the client
    assert '"GET /ru/ HTTP/1.1" 200' in logs
    for secret in (
        CLIENT_HOST,
        USER_AGENT,
        "Canary-Agent",
        FORWARDED_FOR,
        "referrer.example",
    ):
        assert secret not in logs
    # and nothing the application wrote under its data directory holds them
    for stored in live_server_process.data_dir.rglob("*"):
        if stored.is_file():
            content = stored.read_bytes()
            for secret in (CLIENT_HOST, "Canary-Agent", FORWARDED_FOR):
                assert secret.encode() not in content, stored


def test_it_sends_hsts_when_served_over_tls(
    initialised_dir: Path, tmp_path: Path
) -> None:
    from tests.conftest import start_server, stop_server

    server = start_server(
        initialised_dir,
        tmp_path / "tls.log",
        extra_env={"TEMOIN_TLS": "1", "TEMOIN_BEHIND_PROXY": "1"},
    )
    try:
        parts = urlsplit(server.url)
        assert parts.hostname is not None and parts.port is not None
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        # A TLS-terminating proxy in front says the request came over HTTPS.
        connection.request("GET", "/ru/", headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        assert "max-age=63072000" in response.headers["Strict-Transport-Security"]
        connection.close()
    finally:
        stop_server(server)
