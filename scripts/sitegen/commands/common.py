"""What the commands share: how they are added to the command line, and how they report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

from sitegen.authoring.draft import SourceDraft, to_do
from sitegen.problems import display_path

#: The subcommands of the sitegen command, which each command adds itself to.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def report_written(path: Path, project_root: Path, draft: SourceDraft) -> None:
    print(f"sitegen: wrote {display_path(path, project_root)}")
    print("To do before it can be published (sitegen check fails until the TODOs are gone):")
    for name, what in to_do(draft):
        print(f"  - {name}: {what}")
    print(f"Then cite it in a page as [@{draft.id}].")
