"""`sitegen ipdas`: the decision-aid standards (IPDASi v4) the site meets, and where."""

from __future__ import annotations

import argparse
from datetime import date

from sitegen.checks.ipdas import criteria, format_report
from sitegen.content.layout import Project
from sitegen.content.load import load_content
from sitegen.problems import Problems, report


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    content, problems = load_content(project)
    if content is None:
        return report(Problems(problems.errors), "the content could not be read")
    found = criteria(content)
    print(format_report(found))
    failed = [c for c in found if c.qualifying and not c.met]
    if failed:
        count = len(failed)
        print(f"sitegen: {count} qualifying criteria not met: the site is not a decision aid yet")
        return 1
    return 0
