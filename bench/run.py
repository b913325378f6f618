"""Run every benchmark script in this folder (bench_*.py) and print their figures.

Benchmarks report numbers; they do not pass or fail. Each script runs in its own process.
Arguments keep only the scripts whose name contains one of them (`run.py load credentials`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = sys.argv[1:]
    scripts = [
        script
        for script in sorted(HERE.glob("bench_*.py"))
        if not wanted or any(part in script.stem for part in wanted)
    ]
    if not scripts:
        print("No benchmarks yet.")
        return 0
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
