"""Write docs/cli.md from the `temoin` command's own --help texts.

Run `python scripts/gen_cli_docs.py`; a test fails when docs/cli.md is stale.
Each help text comes from a fresh `temoin ... --help` process at 80 columns,
so what is written is exactly what a person sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
TEMOIN = str(Path(sys.executable).with_name("temoin"))


def help_text(*words: str) -> str:
    env = {**os.environ, "COLUMNS": "80", "TERM": "dumb"}
    env.pop("TEMOIN_DATA_DIR", None)  # help never shows where data lives
    result = subprocess.run(
        [TEMOIN, *words, "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.rstrip("\n")


def render() -> str:
    from temoin.cli import main

    lines = [
        "# The `temoin` command",
        "",
        "Generated from `temoin --help` by `scripts/gen_cli_docs.py`; do not edit.",
        "",
        "```",
        help_text(),
        "```",
        "",
    ]
    context = click.Context(main, info_name="temoin")
    for name in sorted(main.list_commands(context)):
        command = main.get_command(context, name)
        assert command is not None
        lines += [f"## temoin {name}", "", "```", help_text(name), "```", ""]
        if isinstance(command, click.Group):
            sub = click.Context(command, info_name=name, parent=context)
            for child in sorted(command.list_commands(sub)):
                lines += [f"### temoin {name} {child}", ""]
                lines += ["```", help_text(name, child), "```", ""]
    return "\n".join(lines)


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
