"""The build benchmark: sitegen, MkDocs and Zensical on the real content and 10x and 100x it.

Each size is a project in a temporary folder: at 1x a copy of the real one, above that a
synthetic one (bench/synthetic.py). Every command runs whole, as a fresh process, and is
timed from start to exit; its peak memory is the process's maximum resident set size.
Each measurement is the median of up to --runs runs, fewer when one run is slow (each
command gets about --budget seconds at each size, and at least one run).

sitegen generate is timed three ways: a first run (empty docs/, no .cache/), a run after
an edit to one page (what a maintainer runs on every edit), and a run with nothing
changed. At 1x, the live preview is timed from saving an edit to seeing it in Chromium
(bench/serve_latency.py); it is left out when Chromium or Playwright is missing.

    .venv/bin/python bench/run.py                 # 1x, 10x and 100x; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --sizes 1,10    # a quicker look
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import importlib.util
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from serve_latency import measure_serve
from synthetic import Profile, copy_real_project, measure, write_project

from sitegen.cache import CACHE_DIR
from sitegen.output.stamp import generated_files
from sitegen.render.templating import environment

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
#: The real date: the content's review dates are set by people, up to today.
TODAY = date.today().isoformat()
_WROTE = re.compile(r"wrote (\d+) files")


@dataclass(frozen=True)
class Run:
    """One finished command: how long it took, what it printed, its peak memory."""

    seconds: float
    status: int | None
    stdout: str
    stderr: str
    peak_kib: int

    def failure(self) -> str | None:
        """Why the run failed, in one line, or None when it exited with status 0."""
        if self.status == 0:
            return None
        if self.status is None:
            return f"did not finish in {self.seconds:.0f} s"
        return f"exit status {self.status}: {self.reason()[:300]}"

    def reason(self) -> str:
        """The last line that names an error, else the last line printed."""
        for text in (self.stderr, self.stdout):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            errors = [line for line in lines if "error" in line.lower()]
            if errors or lines:
                return (errors or lines)[-1]
        return "no output"


@dataclass
class Step:
    """The runs of one command at one size."""

    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0
    failure: str | None = None
    stopped_after: float | None = None  # a run reached the time limit and was stopped
    skipped: bool = False  # not run, because a step it needs failed

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.failure else None

    @property
    def at_least(self) -> float | None:
        """The median time, or for a stopped command the time it ran before it was stopped."""
        return self.median if self.median is not None else self.stopped_after

    def cell(self) -> str:
        if self.stopped_after is not None:
            return f"> {self.stopped_after:.0f} s (stopped)"
        if self.skipped or (self.median is None and not self.failure):
            return "not run"
        if self.failure:
            return "failed"
        return f"{self.median:.2f} s ({len(self.seconds)})"


@dataclass
class Size:
    """Everything measured at one size."""

    scale: int
    profile: Profile
    steps: dict[str, Step] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return "1x (real)" if self.scale == 1 else f"{self.scale}x"

    def median(self, step: str) -> float | None:
        return self.steps[step].median if step in self.steps else None


@dataclass(frozen=True)
class Settings:
    runs: int
    budget: float
    timeout: float  # for a sitegen command
    build_timeout: float  # for a site build
    today: str


STEPS = {
    "cold": "sitegen generate, first run (empty docs/, no cache)",
    "edit": "sitegen generate after an edit to one page",
    "noop": "sitegen generate (nothing changed)",
    "noop-full": "sitegen generate (nothing changed, no record of the last run)",
    "check": "sitegen check (with the scores stored by generate)",
    "mkdocs": "mkdocs build",
    "zensical": "zensical build",
    "preview": "live preview: edit to browser",
}


def run_command(argv: list[str], cwd: Path, timeout: float) -> Run:
    """Run `argv` in a new process group; time it and read its peak memory as it exits."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=err, env=env, start_new_session=True
        )
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            status=None if timed_out.is_set() else process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_kib=usage.ru_maxrss,
        )


def repeat(
    argv: list[str],
    cwd: Path,
    settings: Settings,
    prepare: Callable[[], None] = lambda: None,
    verify: Callable[[Run], str | None] = lambda run: None,
    timeout: float | None = None,
) -> Step:
    """Run the command up to settings.runs times, within about settings.budget seconds."""
    step = Step()
    while len(step.seconds) < settings.runs:
        prepare()
        run = run_command(argv, cwd, timeout or settings.timeout)
        step.peak_kib = max(step.peak_kib, run.peak_kib)
        step.failure = run.failure() or verify(run)
        if step.failure:
            step.stopped_after = run.seconds if run.status is None else None
            return step
        step.seconds.append(run.seconds)
        if sum(step.seconds) + statistics.median(step.seconds) > settings.budget:
            break
    return step


def wrote(expected: int, at_least: bool = False) -> Callable[[Run], str | None]:
    """A check of sitegen generate's summary line: it wrote `expected` files (or more)."""

    def verify(run: Run) -> str | None:
        match = _WROTE.search(run.stdout)
        count = int(match.group(1)) if match else None
        if count is None or count < expected or (count > expected and not at_least):
            summary = match.group(0) if match else "no 'wrote N files' line"
            wanted = f"at least {expected}" if at_least else str(expected)
            return f"expected 'wrote {wanted} files', got: {summary}"
        return None

    return verify


def clear_docs(project: Path) -> Callable[[], None]:
    """Before a first run: no generated pages, and no stored results of earlier runs."""

    def clear() -> None:
        for path in generated_files(project / "docs"):
            path.unlink()
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)

    return clear


def forget_last_run(project: Path) -> Callable[[], None]:
    """Before each run: no record of the last run, so that it does all its work (as on a
    fresh clone, or in CI) and finds nothing to write."""

    def forget() -> None:
        (project / CACHE_DIR / "last-run.json").unlink(missing_ok=True)

    return forget


def edit_a_page(project: Path) -> Callable[[], None]:
    """Before each run: a new sentence at the end of one page, different every time."""
    pages = project / "content_src" / "pages"
    page = pages / "overview.md" if (pages / "overview.md").is_file() else min(pages.glob("*.md"))
    original = page.read_text(encoding="utf-8")
    edits = iter(range(1, 1_000_000))

    def edit() -> None:
        sentence = f"This sentence was added to time a rebuild, edit {next(edits)}."
        page.write_text(f"{original.rstrip()}\n\n{sentence}\n", encoding="utf-8")

    return edit


def sitegen(command: str, project: Path, settings: Settings) -> list[str]:
    script = BIN / "sitegen"
    start = [str(script)] if script.exists() else [sys.executable, "-m", "sitegen"]
    return [*start, command, "--project", str(project), "--today", settings.today]


def measure_sitegen(project: Path, pages: int, settings: Settings) -> dict[str, Step]:
    steps = {
        "cold": repeat(
            sitegen("generate", project, settings),
            project,
            settings,
            prepare=clear_docs(project),
            verify=wrote(pages),
        )
    }
    if steps["cold"].failure:
        steps["edit"] = steps["noop"] = steps["noop-full"] = not_run("sitegen generate")
    else:
        generate = sitegen("generate", project, settings)
        edit = edit_a_page(project)
        steps["edit"] = repeat(generate, project, settings, edit, wrote(1, at_least=True))
        steps["noop"] = repeat(generate, project, settings, verify=wrote(0))
        forget = forget_last_run(project)
        steps["noop-full"] = repeat(generate, project, settings, forget, wrote(0))
    steps["check"] = repeat(sitegen("check", project, settings), project, settings)
    return steps


def not_run(needed: str) -> Step:
    return Step(failure=f"not run: needs the docs/ that {needed} writes", skipped=True)


def measure_builds(project: Path, work: Path, settings: Settings) -> dict[str, Step]:
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(work / "site-mkdocs")]
    timeout = settings.build_timeout
    steps = {"mkdocs": repeat(mkdocs, project, settings, timeout=timeout)}
    if importlib.util.find_spec("zensical") is None:
        steps["zensical"] = Step(failure="zensical is not installed in this environment")
    else:
        zensical = [sys.executable, "-m", "zensical", "build", "--strict", "--clean"]
        argv = [*zensical, "-f", "mkdocs.yml"]
        steps["zensical"] = repeat(argv, project, settings, timeout=timeout)
    return steps


def measure_size(scale: int, work: Path, settings: Settings) -> Size:
    project = work / f"{scale}x"
    say(f"{scale}x: writing the project in {project}")
    if scale == 1:
        copy_real_project(ROOT, project)
    else:
        write_project(ROOT, project, scale)
    size = Size(scale, measure(project / "content_src"))
    say(f"{scale}x: running sitegen ({size.profile.pages} pages)")
    size.steps = measure_sitegen(project, size.profile.pages, settings)
    if size.steps["cold"].failure:
        size.steps |= {name: not_run("sitegen generate") for name in ("mkdocs", "zensical")}
        return size
    say(f"{scale}x: building the site with MkDocs and Zensical")
    size.steps |= measure_builds(project, work, settings)
    if scale == 1:
        say("1x: timing the live preview, from an edit to the browser")
        size.steps["preview"] = measure_preview(project, settings)
    return size


def measure_preview(project: Path, settings: Settings) -> Step:
    """Seconds from saving an edit to seeing it in Chromium, for each of settings.runs edits."""
    if shutil.which("chromium") is None or importlib.util.find_spec("playwright") is None:
        return Step(failure="not run: needs Chromium and Playwright", skipped=True)
    try:
        return Step(seconds=measure_serve(project, settings.runs, settings.today))
    except Exception as error:  # a failed measurement is reported, not raised
        return Step(failure=f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool | None  # None: could not be measured


def ratio(part: float | None, whole: float | None) -> float | None:
    return part / whole if part is not None and whole else None


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


GENERATE_STEPS = ("cold", "edit", "noop", "noop-full")


def peak_mb(size: Size) -> float | None:
    """The largest peak memory of any sitegen generate run at this size."""
    peaks = [size.steps[name].peak_kib for name in GENERATE_STEPS if name in size.steps]
    peak = max(peaks, default=0)
    return peak * 1024 / 1e6 if peak else None


def step(sizes: dict[int, Size], scale: int, name: str) -> Step:
    size = sizes.get(scale)
    return size.steps.get(name, Step()) if size else Step()


#: The two ways sitegen generate is judged: after an edit, and on a first run.
RUNS = {"edit": "after an edit", "cold": "first run, no cache"}
BUILDS = ("mkdocs", "zensical")


def share_target(sizes: dict[int, Size], scale: int, run: str) -> Target:
    name = f"generator ≤ 10% of the MkDocs build at {scale}x ({RUNS[run]})"
    generate, mkdocs = step(sizes, scale, run), step(sizes, scale, "mkdocs")
    share = ratio(generate.median, mkdocs.median)
    if share is not None:
        return Target(name, percent(share), share <= 0.10)
    if generate.stopped_after is not None:
        return Target(name, f"generator stopped after {generate.stopped_after:.0f} s", None)
    return Target(name, "n/a", None)


def speed_target(sizes: dict[int, Size], run: str) -> Target:
    name = f"generator under 0.5 s at 1x ({RUNS[run]})"
    seconds = step(sizes, 1, run).median
    return Target(
        name,
        "n/a" if seconds is None else f"{seconds:.2f} s",
        None if seconds is None else seconds < 0.5,
    )


def noop_target(sizes: dict[int, Size]) -> Target:
    name = "no-op regenerate under 0.4 s at 1x, writing nothing"
    noop = step(sizes, 1, "noop").median
    if noop is None:
        return Target(name, "n/a", None)
    return Target(name, f"{noop:.2f} s, wrote 0 files", noop < 0.4)


def growth_target(sizes: dict[int, Size], run: str) -> Target:
    name = f"generator at 100x at most 110 times its time at 1x ({RUNS[run]})"
    large = step(sizes, 100, run)
    growth = ratio(large.at_least, step(sizes, 1, run).median)
    if growth is None:
        return Target(name, "n/a", None)
    if large.median is None:
        return Target(
            name, f"more than {growth:.0f} times (stopped)", False if growth > 110 else None
        )
    return Target(name, f"{growth:.0f} times", growth <= 110)


def memory_target(sizes: dict[int, Size]) -> Target:
    name = "generator peak memory at 100x under 150 MB (any run)"
    size = sizes.get(100)
    peak = peak_mb(size) if size else None
    if peak is None:
        return Target(name, "n/a", None)
    if step(sizes, 100, "cold").median is None:
        return Target(name, f"{peak:.0f} MB when stopped", False if peak >= 150 else None)
    return Target(name, f"{peak:.0f} MB", peak < 150)


def preview_target(sizes: dict[int, Size]) -> Target:
    name = "make serve shows an edit in the browser within 1 s at 1x"
    preview = step(sizes, 1, "preview")
    if preview.median is None:
        return Target(name, preview.failure or "n/a", None)
    slowest = max(preview.seconds)
    return Target(
        name,
        f"median {preview.median:.2f} s, slowest {slowest:.2f} s ({len(preview.seconds)} edits)",
        preview.median < 1,
    )


def targets(sizes: dict[int, Size]) -> list[Target]:
    """The issue's targets that the sizes measured can decide."""
    found = [
        share_target(sizes, scale, run) for scale in (10, 100) if scale in sizes for run in RUNS
    ]
    if 1 in sizes:
        found += [speed_target(sizes, run) for run in RUNS]
        found += [noop_target(sizes), preview_target(sizes)]
    if 1 in sizes and 100 in sizes:
        found += [growth_target(sizes, run) for run in RUNS]
    if 100 in sizes:
        found.append(memory_target(sizes))
    return found


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def timings_table(sizes: list[Size]) -> str:
    header = ["size", "pages", "sources", *STEPS.values(), "sitegen peak memory"]
    rows = []
    for size in sizes:
        peak = peak_mb(size)
        cells = [size.steps.get(name, Step()).cell() for name in STEPS]
        rows.append(
            [
                size.label,
                str(size.profile.pages),
                str(size.profile.sources),
                *cells,
                "n/a" if peak is None else f"{peak:.0f} MB",
            ]
        )
    return markdown_table(header, rows)


def ratios_table(sizes: list[Size]) -> str:
    rows = [
        [
            size.label,
            *(
                percent(ratio(size.median(run), size.median(build)))
                for run in RUNS
                for build in ("mkdocs", "zensical")
            ),
            percent(ratio(size.median("check"), size.median("mkdocs"))),
        ]
        for size in sizes
    ]
    header = ["size"]
    header += [f"generate {RUNS[run]} / {build} build" for run in RUNS for build in BUILDS]
    header.append("check (stored scores) / mkdocs build")
    return markdown_table(header, rows)


def content_table(sizes: list[Size]) -> str:
    header = ["size", "pages", "sources", "citations", "a page", "FAQ entries"]
    header += ["glossary terms", "markers", "evidence", "figures", "words"]
    rows = []
    for size in sizes:
        p = size.profile
        rows.append(
            [size.label, *map(str, (p.pages, p.sources, p.citations))]
            + [f"{p.citations_per_page:.1f}"]
            + [str(n) for n in (p.faq_entries, p.glossary_terms, p.markers)]
            + [str(n) for n in (p.evidence, p.figures, p.words)]
        )
    return markdown_table(header, rows)


def targets_table(found: list[Target]) -> str:
    results = {True: "met", False: "**missed**", None: "not measured"}
    return markdown_table(
        ["target", "measured", "result"],
        [[target.name, target.measured, results[target.met]] for target in found],
    )


def failures(sizes: list[Size]) -> list[str]:
    return [
        f"- {size.label}, {STEPS[name]}: {step.failure}"
        for size in sizes
        for name, step in size.steps.items()
        if step.failure
    ]


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else platform.processor() or "unknown CPU"


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def project_revision() -> str:
    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain") else "")


def about(started: datetime, load: float, minutes: float, settings: Settings) -> list[str]:
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- date: {started:%Y-%m-%d %H:%M} UTC; the whole benchmark took {minutes:.1f} minutes",
        f"- machine: {nproc} CPUs (nproc), {cpu_model()}; load average {load:.2f} at the start",
        f"- Python {platform.python_version()}; mkdocs {version('mkdocs')}, mkdocs-material"
        f" {version('mkdocs-material')}, zensical {version('zensical')}",
        f"- project: commit {project_revision()}; sitegen run with --today {settings.today}",
    ]


def report(sizes: list[Size], header: list[str], settings: Settings) -> str:
    by_scale = {size.scale: size for size in sizes}
    found = targets(by_scale)
    met = sum(1 for target in found if target.met)
    notes = [
        f"Times are medians of up to {settings.runs} runs of the whole command ((n): how many"
        f" runs); a command that takes long runs fewer times (about {settings.budget:.0f} s"
        " each at each size, at least once), so the largest size has fewer runs.",
        "A first run starts with no generated pages in docs/ and no .cache/ (the readability"
        " scores that later runs reuse for pages whose text has not changed). A run after an"
        " edit follows a new sentence added to one page, as on every edit a maintainer makes."
        " A run with nothing changed finds the record of the last run (.cache/sitegen/"
        "last-run.json) and prints it again; the next column deletes that record first, so"
        " that the run checks and renders everything, as on a fresh clone or in CI."
        " The live preview is timed from saving an edit to a page (a new title and a new"
        " sentence) until Chromium, with the page open, shows the new title (1x only).",
        "Peak memory is the largest maximum resident set size of any `sitegen generate` run"
        " at that size. The generator's modules and templates are compiled before the first"
        " run, as they are kept compiled after a maintainer's first run (the templates in the"
        " user's cache folder); a first run reads no stored result about the content.",
    ]
    sections = [
        "# Build benchmark",
        "Written by `make bench` (bench/run.py). 1x is a copy of the real project; 10x and"
        " 100x are synthetic projects in the same proportions (bench/synthetic.py).",
        "\n".join(header),
        "## Times",
        timings_table(sizes),
        "\n\n".join(notes),
        "## Generator time as a share of the site build",
        ratios_table(sizes),
        f"## Targets: {met} of {len(found)} met",
        targets_table(found),
        "## Content at each size",
        content_table(sizes),
    ]
    problems = failures(sizes)
    if problems:
        sections += ["## Failures and commands not run", "\n".join(problems)]
    return "\n\n".join(sections) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=5, help="most runs of each command")
    parser.add_argument("--budget", type=float, default=60, help="seconds for each command")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a sitegen run is stopped"
    )
    parser.add_argument(
        "--build-timeout", type=float, default=1200, help="the same for a site build"
    )
    parser.add_argument("--today", default=TODAY, help="the date sitegen treats as today")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the projects it built")
    return parser.parse_args(argv)


def compile_generator() -> None:
    """Compile the generator's modules and templates once, as Python and the generator do
    on a maintainer's first run and keep for later ones (a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise compile the modules again in every timed run)."""
    spec = importlib.util.find_spec("sitegen")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)
    env = environment()  # its templates are kept compiled in the user's cache folder
    for name in env.list_templates():
        env.get_template(name)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    compile_generator()
    settings = Settings(args.runs, args.budget, args.timeout, args.build_timeout, args.today)
    started, load, clock = datetime.now(UTC), os.getloadavg()[0], time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-"))
    try:
        sizes = [measure_size(int(n), work, settings) for n in args.sizes.split(",")]
    finally:
        if args.keep:
            say(f"kept the projects in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    minutes = (time.monotonic() - clock) / 60
    text = report(sizes, about(started, load, minutes, settings), settings)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    say(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
