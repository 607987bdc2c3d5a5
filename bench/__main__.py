"""`python -m bench [name …]`: run the benchmarks in this folder (all, or those named)."""

import importlib
import pkgutil
import sys
import time

import bench


def main(names: list[str]) -> None:
    found = [m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_")]
    chosen = [name for name in found if not names or name in names]
    bench.setup()
    for name in chosen:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"== {name}")
        started = time.perf_counter()
        module.run()
        print(f"== {name}: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
