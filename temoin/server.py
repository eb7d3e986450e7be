"""The production server: gunicorn (WSGI, threaded workers), never runserver.

The access log format leaves out the client address, user agent and referrer,
so the server writes nothing that identifies a witness.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

# Time, request line, status, bytes, duration: nothing about the client.
SHM = "/dev/shm"  # noqa: S108 — a fixed system path, not a temp file name
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: one per core
    threads: int = 8
    access_log: bool = True
    # Uploads of several GiB take a while over Tor: allow slow bodies.
    timeout: int = 3600

    def gunicorn_config(self) -> dict[str, Any]:
        workers = self.workers or (os.cpu_count() or 1)
        return {
            "bind": f"[{self.host}]:{self.port}"
            if ":" in self.host
            else f"{self.host}:{self.port}",
            "workers": workers,
            "threads": self.threads,
            "worker_class": "gthread",
            "timeout": self.timeout,
            "graceful_timeout": 20,
            "keepalive": 5,
            "accesslog": "-" if self.access_log else None,
            "access_log_format": ACCESS_LOG_FORMAT,
            "errorlog": "-",
            "loglevel": "info",
            # Never trust forwarded client addresses; we do not want them.
            "forwarded_allow_ips": "",
            "proxy_allow_ips": "",
            "limit_request_line": 8190,
            # Heartbeat files only (no request data): memory-backed, as
            # gunicorn's documentation advises for container file systems.
            "worker_tmp_dir": SHM if os.path.isdir(SHM) else None,
        }


class TemoinServer(BaseApplication):  # type: ignore[misc]
    """Run the Django WSGI application under gunicorn from our own CLI."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.gunicorn_config().items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from temoin.wsgi import application

        return application


def serve(options: ServerOptions) -> None:
    """Serve until interrupted."""
    TemoinServer(options).run()
