"""`python -m benchmarks`: run the quality and speed benchmarks and write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import ROOT

DEFAULT_CASES = 256  # 16 of each of the 16 revision types
DEFAULT_SEED = 20_240


def _quality(args: argparse.Namespace, work: Path) -> None:
    from benchmarks.generate import generate_cases, load_bases
    from benchmarks.quality import METHODS, run_quality
    from benchmarks.report import machine, save

    bases, notes = load_bases()
    cases = generate_cases(bases, args.cases, args.seed)
    print(f"quality: {len(cases)} cases on {', '.join(b.name for b in bases)}", flush=True)
    result = run_quality(cases, work / "cases")
    by_case = {c.id: c for c in cases}
    data = {
        "run": args.run,
        "machine": machine(),
        "cases": len(cases),
        "seed": args.seed,
        "bases": [b.note for b in bases],
        "notes": notes,
        "methods": {m: result.total(m).figures() for m in METHODS},
        "by_type": [
            {
                "type": t,
                "cases": result.total("revdiff", case_type=t).cases,
                "items": result.total("revdiff", case_type=t).changed_tp
                + result.total("revdiff", case_type=t).changed_fn,
                **{m: result.total(m, case_type=t).changed[2] for m in METHODS},
            }
            for t in result.types()
        ],
        "weakest": [
            {
                "id": c.id,
                "base": c.base,
                "f1": c.tallies["revdiff"].changed[2],
                "operations": by_case[c.id].operations,
            }
            for c in result.weakest()
        ],
        "parse_gaps": sum(c.parse_gaps for c in result.cases),
        "seconds": {m: result.total(m).seconds for m in METHODS},
    }
    save("quality", data)
    for m in METHODS:
        f = result.total(m)
        print(f"  {m:16} changed F1 {f.changed[2]:.4f}  all F1 {f.all[2]:.4f}", flush=True)


def _speed(args: argparse.Namespace, work: Path) -> None:
    from benchmarks.report import PLOT, machine, save
    from benchmarks.speed import SIZES, plot, run_speed, speed_json

    sizes = args.sizes or ([30, 1_000, 10_000] if args.quick else list(SIZES))
    info = machine()
    result = run_speed(
        work / "speed", sizes=sizes, quick=args.quick, log=lambda m: print(m, flush=True)
    )
    data = speed_json(result)
    info["load_end"] = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    data["machine"] = info
    data["run"] = args.run
    save("speed", data)
    plot(result, PLOT)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Alignment quality and speed of revdiff against baselines; "
        "writes BENCHMARKS.md at the repository root.",
    )
    parser.add_argument("--only", choices=("quality", "speed"), help="run one part only")
    parser.add_argument(
        "--quick", action="store_true", help="fewer cases and repetitions, sizes up to 10,000"
    )
    parser.add_argument("--cases", type=int, help=f"quality cases (default {DEFAULT_CASES})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--sizes", type=int, nargs="+", help="clause counts for the speed run")
    parser.add_argument(
        "--work", type=Path, help="keep generated files here (default: a temporary folder)"
    )
    parser.add_argument(
        "--record-floor",
        action="store_true",
        help="measure the CI guard and write benchmarks/quality_floor.json, then stop",
    )
    args = parser.parse_args(argv)
    args.cases = args.cases or (56 if args.quick else DEFAULT_CASES)
    args.run = time.strftime("%Y%m%dT%H%M%S")  # ties the parts of one invocation together

    work = args.work or Path(tempfile.mkdtemp(prefix="revdiff-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        if args.record_floor:
            from benchmarks.quality import record_floor

            record = record_floor(work / "guard")
            print(f"floor recorded: changed-clause F1 {record['changed_f1_floor']}")
            return 0
        if args.only in (None, "quality"):
            _quality(args, work)
        if args.only in (None, "speed"):
            _speed(args, work)
        from benchmarks.report import write_benchmarks_md

        path = write_benchmarks_md()
        print(f"wrote {path.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
