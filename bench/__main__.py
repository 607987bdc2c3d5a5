"""`python -m bench [--smoke] [--postgresql] [name …]`: run the benchmarks in this folder (all,
or those named).

Every benchmark runs even when one before it failed; a benchmark fails when it raises (its own
`bench.Failed` after a verification, or any error), and then the runner writes FAILED with the
reason in its section (unless the benchmark did so itself), prints it, and exits 1 at the end.
`--smoke` runs them all at tiny sizes (BENCH_SMOKE=1) and writes var/bench-smoke.md, not
docs/benchmarks.md. `--postgresql` gives the benchmarks that run in this process
(import_people, programs_rollup) a fresh PostgreSQL database on BENCH_PG_URL's server, dropped
afterwards, instead of SQLite; the others choose their databases themselves.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
import traceback

import bench


def modules() -> list[str]:
    return [m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")]


def benchmarks(names: list[str]) -> list[str]:
    """Those of `names` that define `run()`. Imported only after `bench.setup()`: some import
    the settings, which must see the benchmark's database first."""
    return [name for name in names if hasattr(importlib.import_module(f"bench.{name}"), "run")]


def run_one(name: str) -> str:
    """Run one benchmark; the empty string when it passed, else why it failed."""
    module = importlib.import_module(f"bench.{name}")
    titles = module.sections if hasattr(module, "sections") else lambda: [f"bench {name}"]
    try:
        module.run()
    except bench.Failed as failed:
        if not failed.written:  # it stopped before writing its figures
            for title in titles():
                bench.mark_failed(title, failed.reasons)
        return str(failed)
    except (Exception, SystemExit) as exc:  # a crash: nothing written, so say it here
        traceback.print_exc()
        reason = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:300]
        for title in titles():
            bench.mark_failed(title, [f"`python -m bench {name}` stopped with {reason}"])
        return reason
    return ""


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")]
    options = {"--smoke", "--postgresql"}
    unknown_options = [a for a in argv if a.startswith("-") and a not in options]
    if unknown_options:
        print(
            f"unknown option {unknown_options[0]}; "
            "usage: python -m bench [--smoke] [--postgresql] [name …]"
        )
        return 2
    if "--smoke" in argv:
        os.environ["BENCH_SMOKE"] = "1"  # before the modules read their sizes
    if "--postgresql" in argv:
        os.environ["BENCH_DATABASE"] = "postgresql"
    found = modules()
    unknown = [name for name in names if name not in found]
    if unknown:
        print(f"no benchmark {', '.join(unknown)}; there are: {', '.join(found)}")
        return 2
    bench.setup()
    chosen = benchmarks([name for name in found if not names or name in names])
    outcomes: list[tuple[str, float, str]] = []
    for name in chosen:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        reason = run_one(name)
        seconds = time.perf_counter() - started
        verdict = f"FAILED — {reason}" if reason else "ok"
        print(f"== {name}: {seconds:.1f} s, {verdict}", flush=True)
        outcomes.append((name, seconds, reason))
    failed = [(name, reason) for name, _s, reason in outcomes if reason]
    total = sum(seconds for _n, seconds, _r in outcomes)
    mode = "smoke " if bench.smoke() else ""
    print(
        f"== {mode}benchmarks: {len(outcomes) - len(failed)} of {len(outcomes)} passed in "
        f"{total:.0f} s; results in {bench.report_name()}"
    )
    for name, reason in failed:
        print(f"FAILED {name}: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
