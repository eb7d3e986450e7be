"""`temoin audit`: check the audit log's hash chain."""

from __future__ import annotations

import re

import click
from tqdm import tqdm

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError

# Below this many entries the walk is instant: no progress bar.
PROGRESS_FROM = 5000


class ChainBroken(TemoinCLIError):
    """The audit log was tampered with: exit code 1, as for a failed check."""

    exit_code = 1


def _parse_anchor(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, str] | None:
    if value is None:
        return None
    match = re.fullmatch(r"(\d+):([0-9a-f]{64})", value.strip().lower())
    if match is None:
        raise click.BadParameter("expected SEQ:HASH, as printed by a previous verify")
    return int(match.group(1)), match.group(2)


@click.group()
def audit() -> None:
    """The audit log of every staff action.

    Example: temoin audit verify
    """


@audit.command("verify")
@click.option(
    "--anchor",
    callback=_parse_anchor,
    metavar="SEQ:HASH",
    help="A SEQ:HASH printed by an earlier verify and kept elsewhere: "
    "detects a log rewritten from that entry on.",
)
def verify(anchor: tuple[int, str] | None) -> None:
    """Walk the hash chain; exit 1 naming the first bad entry.

    Fails when an entry was altered, removed or reordered in the database.
    On success prints a summary and the last SEQ:HASH: keep it outside the
    server and pass it as --anchor next time.

    Example: temoin audit verify --anchor 1200:3f5a...
    """
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from temoin.audit.verify import Anchor, entry_count, verify_chain

    total = entry_count()
    with tqdm(
        total=total,
        unit=" entries",
        desc="audit log",
        disable=True if total < PROGRESS_FROM else None,
    ) as bar:
        report = verify_chain(
            anchor=Anchor(*anchor) if anchor else None, progress=bar.update
        )
    if report.problem is not None:
        problem = report.problem
        raise ChainBroken(
            f"audit log broken at entry {problem.seq}: {problem.kind} "
            f"({problem.reason}); entries 1 to {report.last_seq} are intact"
        )
    if report.count == 0:
        click.echo("Audit log intact: no entries yet.")
        return
    span = ""
    if report.first_at is not None and report.last_at is not None:
        span = (
            f", from {report.first_at:%Y-%m-%d %H:%M} "
            f"to {report.last_at:%Y-%m-%d %H:%M} UTC"
        )
    click.echo(f"Audit log intact: {report.count} entries{span}.")
    click.echo(f"Last entry: {report.last_seq}:{report.last_hash}")
