"""How much a wrong answer's grade depends on the seed: every wrong corpus file under 20 seeds.

    python bench/seed_spread.py                      # every exercise, seeds 1..20
    python bench/seed_spread.py softmax -n 5         # some exercises, 5 seeds
    python bench/seed_spread.py --json spread.json   # also keep the raw scores

Two learners with the same code should get the same grade, and a wrong answer should lose its
points whatever random inputs the suite draws. For each file under
grader/course/builtin/corpus/<ex>/wrong/ this grades it once per seed through the batch pool (as
`grader report` does) and prints the lowest and highest score; a file whose min and max differ
is marked with `*`. The exit code is 0 either way: this measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.batch.executor import ForkServerExecutor, run_job  # noqa: E402
from grader.boundary.launch import Limits  # noqa: E402
from grader.core import grading  # noqa: E402
from grader.course import catalog  # noqa: E402

CORPUS = ROOT / "grader" / "course" / "builtin" / "corpus"


def wrong_files(names: list[str]) -> list[Path]:
    folders = [CORPUS / name / "wrong" for name in names] if names else \
        sorted(CORPUS.glob("*/wrong"))
    return [path for folder in folders for path in sorted(folder.glob("*.py"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="exercises (default: every corpus folder)")
    parser.add_argument("-n", "--seeds", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", type=Path, help="write {file: [score per seed]} here")
    options = parser.parse_args()
    files = wrong_files(options.names)
    seeds = range(1, options.seeds + 1)
    limits = Limits()
    started = time.monotonic()
    print(f"{len(files)} wrong files x {len(seeds)} seeds; load average "
          + " ".join(f"{load:.1f}" for load in os.getloadavg()), flush=True)
    executor = ForkServerExecutor(options.jobs, task_seconds=grading.worker_budget(limits))
    futures = {}
    for path in files:
        exercise = catalog.get(path.parent.parent.name)
        for seed in seeds:
            job = grading.make_job(path.read_bytes(), f"{exercise.name}.py", exercise, seed,
                                   limits)
            futures[(path, seed)] = executor.submit(run_job, job)
    scores: dict[str, list[float]] = {}
    maxima: dict[str, float] = {}
    for (path, _), future in futures.items():
        key = f"{path.parent.parent.name}/{path.stem}"
        result = future.result()
        scores.setdefault(key, []).append(result["score"])
        maxima[key] = result["max_score"]
    executor.shutdown()
    moved = 0
    print(f"{'file':52} {'min':>5} {'max':>5} {'of':>4}")
    for key, values in scores.items():
        spread = min(values) != max(values)
        moved += spread
        print(f"{key:52} {min(values):5g} {max(values):5g} {maxima[key]:4g}"
              + ("  *" if spread else ""))
    print(f"{moved} of {len(scores)} files scored differently under different seeds "
          f"({time.monotonic() - started:.0f} s)")
    if options.json:
        options.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
