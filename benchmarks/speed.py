"""Speed and memory: whole processes timed side by side on pairs of 30 to 50,000 clauses.

Each pair is built from real clauses (generate.make_large_pair) with the quality benchmark's mix
of revisions. For every size, `revdiff compare` to text, JSON, HTML and docx, the difflib
paragraph baseline (python -m benchmarks.baselines) and ``git diff --no-index --word-diff`` run
on the same files, interleaved repetition by repetition so that a noisy moment hits them all;
wall time is the median, peak RSS comes from ``/usr/bin/time -v``. Cold starts of
``revdiff --help`` and of ``revdiff compare`` on the seeds are timed the same way.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import ROOT

SIZES = (30, 1_000, 10_000, 50_000)
FORMATS = ("text", "json", "html", "docx")
TIME = "/usr/bin/time"
TIMEOUT = 900.0


@dataclass
class Runs:
    """Repeated runs of one command: wall seconds and peak RSS (KiB) of each."""

    label: str
    command: list[str]
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + system seconds
    rss_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def peak_mib(self) -> float | None:
        return max(self.rss_kib) / 1024 if self.rss_kib else None

    def summary(self) -> dict[str, object]:
        return {
            "label": self.label,
            "command": " ".join(self.command),
            "runs": len(self.walls),
            "median_s": self.median,
            "min_s": min(self.walls) if self.walls else None,
            "max_s": max(self.walls) if self.walls else None,
            "cpu_median_s": self.cpu_median,
            "peak_rss_mib": self.peak_mib,
            "failures": self.failures,
        }


_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


def measure(
    runs: Runs, *, cwd: Path, stdout: Path | None = None, ok: Sequence[int] = (0, 1)
) -> None:
    """Run `runs.command` once under /usr/bin/time -v and record wall time and peak RSS."""
    if runs.failures:
        return  # a command that failed once is not timed again
    command = [TIME, "-v", *runs.command] if Path(TIME).exists() else runs.command
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=cwd, stdout=sink, stderr=subprocess.PIPE, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        runs.failures.append(f"timed out after {TIMEOUT:.0f} s")
        return
    finally:
        if stdout and not isinstance(sink, int):
            sink.close()
    wall = time.perf_counter() - started
    report = done.stderr.decode("utf-8", "replace")
    if done.returncode not in ok:
        # What the command said, without /usr/bin/time's own report after it.
        said = report.split("\tCommand being timed:", 1)[0].strip().splitlines()[-3:]
        runs.failures.append(f"exit {done.returncode}: " + " | ".join(said)[:300])
        return
    runs.walls.append(wall)
    rss = _RSS.search(report)
    if rss:
        runs.rss_kib.append(int(rss.group(1)))
    cpu = [float(m.group(1)) for m in _CPU.finditer(report)]
    if cpu:
        runs.cpus.append(sum(cpu))


def revdiff_command() -> list[str]:
    """The installed `revdiff` script next to this interpreter (no shell shim in between)."""
    script = Path(sys.executable).parent / "revdiff"
    if script.exists():
        return [str(script)]
    found = shutil.which("revdiff")
    return [found] if found else [sys.executable, "-m", "revdiff"]


@dataclass
class SizeResult:
    clauses: int
    old_clauses: int
    new_clauses: int
    changed_true: int
    old_kib: int
    new_kib: int
    runs: list[Runs]
    quality: dict[str, float | int | None] | None = None
    work_cpus: list[float] = field(default_factory=list)  # benchmarks.work, one per repetition

    def run(self, label: str) -> Runs | None:
        return next((r for r in self.runs if r.label == label), None)


@dataclass
class SpeedResult:
    sizes: list[SizeResult] = field(default_factory=list)
    cold: list[Runs] = field(default_factory=list)
    importtime: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reps: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "sizes": [
                {
                    "clauses": s.clauses,
                    "old_clauses": s.old_clauses,
                    "new_clauses": s.new_clauses,
                    "changed_true": s.changed_true,
                    "old_kib": s.old_kib,
                    "new_kib": s.new_kib,
                    "quality": s.quality,
                    "work_cpus": s.work_cpus,
                    "runs": [
                        r.summary() | {"walls": r.walls, "cpus": r.cpus, "rss_kib": r.rss_kib}
                        for r in s.runs
                    ],
                }
                for s in self.sizes
            ],
            "cold": [r.summary() | {"walls": r.walls, "cpus": r.cpus} for r in self.cold],
            "importtime": self.importtime,
            "notes": self.notes,
            "reps": {str(k): v for k, v in self.reps.items()},
            "seconds": round(self.seconds, 1),
        }


def _repetitions(clauses: int, quick: bool) -> int:
    """Medians of 5 up to 10,000 clauses, of 3 at 50,000 (a round of every command there takes
    about a minute). --quick: 3 runs up to 1,000, then 1."""
    if quick:
        return 3 if clauses <= 1_000 else 1
    return 5 if clauses <= 10_000 else 3


def _quality_at_scale(case_folder: Path, truth: list[object]) -> dict[str, float | int | None]:
    """revdiff's alignment figures on a large pair (in-process, not timed)."""
    from benchmarks.entry import Entry
    from benchmarks.quality import entries_from_comparison, load_pair, score
    from revdiff.compare import compare_documents
    from revdiff.model import CompareOptions

    old, new = load_pair(case_folder)
    comparison = compare_documents(old, new, CompareOptions())
    entries = [t for t in truth if isinstance(t, Entry)]
    tally = score(entries, entries_from_comparison(comparison))
    figures = tally.figures()
    figures.pop("seconds", None)
    return figures


def run_speed(
    folder: Path,
    *,
    sizes: Sequence[int] = SIZES,
    formats: Sequence[str] = FORMATS,
    quick: bool = False,
    quality_up_to: int = 10_000,
    log: Callable[[str], None] = print,
) -> SpeedResult:
    """Generate the pairs and time everything; `folder` receives the pairs and outputs."""
    from benchmarks.generate import Pool, load_bases, make_large_pair

    started = time.perf_counter()
    result = SpeedResult()
    bases, notes = load_bases()
    result.notes += notes
    result.notes.append(byte_compile())
    pool = Pool.from_bases(bases)
    revdiff = revdiff_command()
    env_note = f"revdiff run as: {' '.join(revdiff)}"
    result.notes.append(env_note)
    if not Path(TIME).exists():
        result.notes.append(f"{TIME} is missing (apt-get install time): no peak RSS figures")

    for clauses in sizes:
        case = make_large_pair(pool, clauses, seed=clauses)
        where = case.write(folder / "pairs")
        old, new = where / "old.txt", where / "new.txt"
        out = folder / "out" / str(clauses)
        out.mkdir(parents=True, exist_ok=True)
        runs = [
            Runs(
                f"revdiff {fmt}",
                [
                    *revdiff,
                    "compare",
                    str(old),
                    str(new),
                    "-f",
                    fmt,
                    "-o",
                    str(out / f"report.{fmt}"),
                    "--force",
                ],
            )
            for fmt in formats
        ]
        baseline = Runs(
            "difflib paragraphs",
            [
                sys.executable,
                "-m",
                "benchmarks.baselines",
                str(old),
                str(new),
                "-o",
                str(out / "lcs.txt"),
            ],
        )
        git = Runs(
            "git diff --word-diff",
            ["git", "diff", "--no-index", "--word-diff", "--no-color", str(old), str(new)],
        )
        everything = (*runs, baseline, git)
        reps = {r.label: _repetitions(clauses, quick) for r in everything}
        result.reps[clauses] = max(reps.values())
        log(f"speed: {clauses} clauses, up to {max(reps.values())} repetitions")
        work_cpus: list[float] = []
        for round_ in range(max(reps.values())):
            for runner in everything:
                if round_ < reps[runner.label]:
                    stdout = out / "git.txt" if runner is git else None
                    measure(runner, cwd=ROOT, stdout=stdout)
            work_cpus.append(measure_work_cpu(old, new))
        olds = sum(1 for e in case.truth for _ in e.old)
        news = sum(1 for e in case.truth for _ in e.new)
        size = SizeResult(
            clauses,
            olds,
            news,
            sum(1 for e in case.truth if e.is_change),
            old.stat().st_size // 1024,
            new.stat().st_size // 1024,
            [*runs, baseline, git],
            work_cpus=work_cpus,
        )
        if clauses <= quality_up_to:
            size.quality = _quality_at_scale(where, list(case.truth))
        result.sizes.append(size)
        for r in size.runs:
            median, peak = r.median or float("nan"), r.peak_mib or 0.0
            log(f"  {r.label:24} median {median:8.3f} s  peak {peak:7.1f} MiB {r.failures or ''}")

    result.cold, result.importtime = run_cold_starts(folder, revdiff, 3 if quick else 5)
    for r in result.cold:
        log(f"cold: {r.label:40} median {r.median or float('nan'):.3f} s {r.failures or ''}")
    result.seconds = time.perf_counter() - started
    return result


def byte_compile() -> str:
    """Compile revdiff's modules and the baseline's to bytecode before timing, as pip does when
    it installs a package; returns the note that says so.

    Where PYTHONDONTWRITEBYTECODE is set (as on the benchmark machine), Python writes no
    ``__pycache__``, and every timed process compiled revdiff's modules from source again: some
    0.1 s of CPU per run that an installed revdiff never spends. The files are checked-hash
    pycs, so that a source edited later is never run from a stale one."""
    import compileall
    import py_compile

    mode = py_compile.PycInvalidationMode.CHECKED_HASH
    ok = all(
        compileall.compile_dir(ROOT / name, quiet=1, invalidation_mode=mode)
        for name in ("revdiff", "benchmarks")
    )
    flag = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    done = "byte-compiled" if ok else "byte-compiled in part (compileall reported errors)"
    return (
        f"revdiff's and the baseline's modules {done} before timing, as an installed package is "
        f"(PYTHONDONTWRITEBYTECODE {flag})"
    )


def measure_work_cpu(old: Path, new: Path) -> float:
    """CPU seconds of the work alone (benchmarks.work), in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.work", str(old), str(new)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return float(done.stdout.strip())


def run_cold_starts(
    folder: Path, revdiff: list[str], reps: int
) -> tuple[list[Runs], list[tuple[str, int]]]:
    """`revdiff --help`, and `revdiff compare` on the seeds (the default run that also writes
    HTML, JSON and docx into ./revdiff-out, and a plain JSON report), each `reps` times."""
    from revdiff.seeds import seed_paths

    old, new = seed_paths()
    cwd = Path(tempfile.mkdtemp(prefix="cold-", dir=folder))
    runs = [
        Runs("revdiff --help", [*revdiff, "--help"]),
        # --force: the demo refuses to replace its reports from the repetition before.
        Runs("revdiff compare (seeds, default run)", [*revdiff, "compare", "--force"]),
        Runs(
            "revdiff compare seeds -f json",
            [*revdiff, "compare", str(old), str(new), "-f", "json", "-o", "seeds.json", "--force"],
        ),
    ]
    for _ in range(reps):
        for r in runs:
            measure(r, cwd=cwd)
    return runs, import_profile(revdiff)


def import_profile(revdiff: list[str], top: int = 8) -> list[tuple[str, int]]:
    """The heaviest imports of `revdiff --help` (cumulative µs, python -X importtime): the
    top-level modules and the modules they import directly."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    code = "import sys; from revdiff.cli import main; sys.argv = ['revdiff', '--help']; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    rows: list[tuple[str, int]] = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip()) - 1) // 2
            if depth <= 1:
                rows.append((("  " * depth) + name.strip(), int(parts[1])))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


# --------------------------------------------------------------------------------------------
# Figures derived from the runs


def growth(
    result: SpeedResult, label: str, low: int = 1_000, high: int = 50_000
) -> dict[str, float] | None:
    """How `label`'s median time grows from `low` to `high` clauses, against n and n log n.

    The raw ratio includes process start-up; the net ratio subtracts the 30-clause time first,
    as an estimate of that fixed cost."""

    def median_at(n: int) -> float | None:
        size = next((s for s in result.sizes if s.clauses == n), None)
        run = size.run(label) if size else None
        return run.median if run else None

    t_low, t_high = median_at(low), median_at(high)
    if t_low is None or t_high is None:
        return None
    base = median_at(30) or 0.0
    nlogn = (high * math.log(high)) / (low * math.log(low))
    out = {
        "low": low,
        "high": high,
        "ratio": t_high / t_low,
        "linear": high / low,
        "nlogn": nlogn,
        "exponent": math.log(t_high / t_low) / math.log(high / low),
    }
    if t_low > base and t_high > base:
        net = (t_high - base) / (t_low - base)
        out["net_ratio"] = net
        out["net_exponent"] = math.log(net) / math.log(high / low)
    return out


def work_growth(
    result: SpeedResult, low: int = 1_000, high: int = 50_000
) -> dict[str, float] | None:
    """How the in-process CPU of the work (benchmarks.work: load, compare, JSON) grows."""
    medians = {s.clauses: statistics.median(s.work_cpus) for s in result.sizes if s.work_cpus}
    if low not in medians or high not in medians or medians[low] <= 0:
        return None
    ratio = medians[high] / medians[low]
    return {
        "low_s": medians[low],
        "high_s": medians[high],
        "ratio": ratio,
        "nlogn": (high * math.log(high)) / (low * math.log(low)),
        "exponent": math.log(ratio) / math.log(high / low),
    }


def plot(result: SpeedResult, path: Path) -> Path:
    """Log-log chart of median wall time against clauses, one line per command."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [r.label for r in result.sizes[0].runs] if result.sizes else []
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=110)
    for label in labels:
        points = [
            (s.clauses, run.median)
            for s in result.sizes
            if (run := s.run(label)) is not None and run.median is not None
        ]
        if points:
            xs, ys = zip(*points, strict=True)
            style = "-o" if label.startswith("revdiff") else "--s"
            ax.plot(xs, ys, style, label=label, markersize=4)
    anchor = next(
        (
            (s.clauses, run.median)
            for s in result.sizes
            if s.clauses >= 1_000 and (run := s.run("revdiff json")) and run.median
        ),
        None,
    )
    if anchor:
        n0, t0 = anchor
        clauses = [s.clauses for s in result.sizes if s.clauses >= n0]
        n_log_n = [t0 * (n * math.log(n)) / (n0 * math.log(n0)) for n in clauses]
        ax.plot(clauses, n_log_n, ":", color="grey", label="n log n from revdiff json at 1,000")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("clauses per version")
    ax.set_ylabel("median wall time, whole process (s)")
    ax.set_title("revdiff compare vs baselines (log-log)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path


def speed_json(result: SpeedResult) -> dict[str, object]:
    data = result.to_json()
    data["growth"] = {
        r.label: growth(result, r.label) for r in (result.sizes[0].runs if result.sizes else [])
    }
    data["work_growth"] = work_growth(result)
    return data
