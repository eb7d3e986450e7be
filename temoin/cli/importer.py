"""`temoin import`: bring testimony collected elsewhere through the intake pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError


@click.command(name="import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
def import_testimony(path: Path, no_progress: bool) -> None:
    """Import testimony from a JSONL file or a directory (docs/import-format.md).

    Every item is encrypted and its files cleaned exactly as on the web. An
    item that fails is reported on one line and leaves nothing stored.

    Example: temoin import testimonies.jsonl
    """
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from tqdm import tqdm

    from temoin.intake import importing
    from temoin.intake.keys import NotConfigured, current_org_public

    try:
        current_org_public()
    except NotConfigured:
        raise TemoinCLIError(
            "the organisation has no keys yet: create them with `temoin init`"
        ) from None
    total = importing.count_items(path)
    imported, failed, cleaned, not_cleaned = 0, 0, 0, 0
    with tqdm(total=total, unit="testimony", disable=no_progress) as bar:
        for item in importing.read_items(path):
            bar.update(1)
            if isinstance(item, importing.ImportItemError):
                failed += 1
                bar.write(f"temoin: error: {item}", file=sys.stderr)
                continue
            try:
                _, statuses = importing.import_item(item)
            except importing.ImportItemError as error:
                failed += 1
                bar.write(f"temoin: error: {error}", file=sys.stderr)
                continue
            imported += 1
            cleaned += statuses.count("cleaned")
            not_cleaned += statuses.count("not_cleaned")
    click.echo(
        f"imported {imported} testimonies, {failed} failed; "
        f"files cleaned {cleaned}, not cleaned {not_cleaned}"
    )
    if failed:
        raise SystemExit(1)
