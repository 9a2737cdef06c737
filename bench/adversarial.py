"""How long the worst inputs take, and how much memory: each is put into a copy of the test
fixture project and `sitegen check` runs on it as a whole process.

Every input here must end within a second or two, refused or accepted, with a small peak
memory: the patterns that scan text run in linear time, YAML nesting and aliases are
refused before they are expanded, and files and numbers are bounded.

    .venv/bin/python bench/adversarial.py        # writes bench/ADVERSARIAL.md
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
PAGE = "content_src/pages/faq.md"
EVIDENCE = "content_src/evidence.yml"
FIGURES = "content_src/figures.yml"
LINE = "Short answers to common questions."
KB = 1024


def _bomb(levels: int) -> str:
    rows = ["bomb:", "  l0: &l0 [" + ", ".join(["x"] * 9) + "]"]
    for level in range(1, levels):
        rows.append(f"  l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(rows) + "\n"


#: Runs a command and prints, last on stderr, its peak memory in kB.
_MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]);"
    " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
    " sys.exit(done.returncode)"
)
#: (name, file, text replaced, new text)
CASES: list[tuple[str, str, str, str]] = [
    ("100 KB line of ']('", PAGE, LINE, "[" + "](" * (50 * KB)),
    ("100 KB line of '[a' (never closed)", PAGE, LINE, "[a" * (50 * KB)),
    ("100 KB of unclosed '[' in 2 KB paragraphs", PAGE, LINE, ("[" * 2048 + "\n\n") * 50),
    ("100 KB heading of spaces", PAGE, LINE, "# " + " " * (100 * KB) + "x"),
    ("100 KB of backtick runs", PAGE, LINE, "".join("`" * k + "a" for k in range(1, 450))),
    ("100 KB of '<a ' (raw HTML)", PAGE, LINE, "<a " * (33 * KB)),
    ("100 KB of '{' in a heading", PAGE, LINE, "# " + "{" * (100 * KB)),
    ("100 KB of '[x](y \"' (titles)", PAGE, LINE, '[x](y "' * (14 * KB)),
    ("30,000 unclosed code fences", PAGE, LINE, "```\n" * 30_000),
    (
        "1 MB page of plain sentences",
        PAGE,
        LINE,
        "Pain may ease with time [@trial-2001]. " * 27_000,
    ),
    ("YAML alias bomb (9^9 items)", EVIDENCE, "treatment-works:", _bomb(9) + "treatment-works:"),
    ("1,000,000 nested brackets in YAML", EVIDENCE, "[trial-2001]", "[" * 1_000_000),
    ("10,000 nested brackets in YAML", EVIDENCE, "[trial-2001]", "[" * 10_000 + "]" * 10_000),
    ("timeline of length .inf", FIGURES, "length: 4", "length: .inf"),
    (
        "3 MB YAML file (over the limit)",
        EVIDENCE,
        "treatment-works:",
        "# " + "x" * 3_000_000 + "\ntreatment-works:",
    ),
]


def run_case(work: Path, file: str, old: str, new: str) -> tuple[float, int, int, str]:
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(FIXTURE, project)
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    command = [sys.executable, "-m", "sitegen", "check", "--project", str(project)]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - start
    *rest, peak = result.stderr.rstrip("\n").split("\n")
    lines = [row for row in rest if row and not row.startswith("sitegen:")]
    said = lines[0].split(": ", 1)[-1][:90] if lines else "(no problem reported)"
    return seconds, int(peak) // 1024, result.returncode, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "ADVERSARIAL.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="sitegen-adversarial-") as work:
        for name, file, old, new in CASES:
            seconds, peak_mb, status, said = run_case(Path(work), file, old, new)
            print(f"{name}: {seconds:.2f} s, {peak_mb} MB, exit {status}: {said}", flush=True)
            rows.append(f"| {name} | {seconds:.2f} s | {peak_mb} MB | {status} | {said} |")
    text = "\n".join(
        [
            "# The worst inputs: time and memory",
            "",
            "Written by `bench/adversarial.py`. Each input goes into a copy of the test fixture"
            " project; `sitegen check` runs on it as a whole process. Peak memory is the largest"
            " resident set size of the run.",
            "",
            "| input | time | peak memory | exit | first problem reported |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )
    args.output.write_text(text, encoding="utf-8")
    print(f"[adversarial] wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
