"""Write docs/cli.md from the `temoin` command's own --help texts.

Run `python scripts/gen_cli_docs.py`; a test fails when docs/cli.md is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    from temoin.cli import main

    lines = [
        "# The `temoin` command",
        "",
        "Generated from `temoin --help` by `scripts/gen_cli_docs.py`; do not edit.",
        "",
    ]
    context = click.Context(
        main, info_name="temoin", terminal_width=80, max_content_width=80
    )
    lines += ["```", main.get_help(context), "```", ""]
    for name in sorted(main.list_commands(context)):
        command = main.get_command(context, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=context)
        lines += [f"## temoin {name}", "", "```", command.get_help(sub), "```", ""]
        if isinstance(command, click.Group):
            for child in sorted(command.list_commands(sub)):
                grandchild = command.get_command(sub, child)
                assert grandchild is not None
                ctx = click.Context(grandchild, info_name=child, parent=sub)
                lines += [
                    f"### temoin {name} {child}",
                    "",
                    "```",
                    grandchild.get_help(ctx),
                    "```",
                    "",
                ]
    return "\n".join(lines)


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
