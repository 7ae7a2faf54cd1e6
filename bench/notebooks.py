"""What reading notebooks costs: the conversion of honest notebooks, the memory hostile JSON
takes once parsed, and `grader check` on a notebook against the same code in a .py file.

    python bench/notebooks.py

1. Converting a notebook into the learner's module (core/notebooks.read), best of 5: the
   softmax notebook `grader init --notebooks` writes with the solution in it, and that notebook
   with 150 cells of plots and printouts (about 10 MiB, mostly base64 PNG).
2. Peak memory of a fresh process that runs `json.loads` on 8 MiB of each JSON shape a hostile
   notebook could be made of (VmHWM, so the interpreter's own ~10 MiB is in it), and what
   `notebooks.read` does with the same bytes (the count of JSON values refuses most of them
   before they are parsed).
3. `grader check FILE --format json` in a fresh process, 7 runs each taking turns, for
   softmax.py and the same solution as softmax.ipynb.
Not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.core import notebooks  # noqa: E402
from grader.course import catalog  # noqa: E402
from grader.study import exercise_notebooks  # noqa: E402

SOLUTION = (ROOT / "solutions" / "softmax.py").read_text(encoding="utf-8")
MIB = 2**20


def honest() -> bytes:
    return exercise_notebooks.notebook(catalog.get("softmax"), SOLUTION).encode()


def with_outputs(cells: int = 150) -> bytes:
    saved = json.loads(honest())
    png = base64.b64encode(os.urandom(48_000)).decode()
    for number in range(cells):
        saved["cells"].append({
            "cell_type": "code", "execution_count": number, "id": f"plot-{number}",
            "metadata": {}, "source": ["plt.plot(losses)\n", f"print(losses[:{number}])"],
            "outputs": [{"output_type": "display_data", "metadata": {},
                         "data": {"image/png": png, "text/plain": ["<Figure>"]}},
                        {"output_type": "stream", "name": "stdout",
                         "text": [f"epoch {line}: loss 0.{line:04d}\n" for line in range(40)]}]})
    return json.dumps(saved, indent=1).encode()


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


SHAPES = {
    "lists []": b"[" + b"[]," * (8 * MIB // 3) + b"[]]",
    "objects {}": b"[" + b"{}," * (8 * MIB // 3) + b"{}]",
    "numbers 1": b"[" + b"1," * (8 * MIB // 2) + b"1]",
    "short strings": b"[" + b",".join(b'"%05d"' % (n % 100000) for n in range(8 * MIB // 8))
                     + b"]",
    "one string": b'["' + b"x" * (8 * MIB) + b'"]',
}
# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's, which holds every shape.
PARSE = ("import json, re, sys; json.loads(sys.stdin.buffer.read()); print(re.search("
         "r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")


def peak_mib(raw: bytes) -> int:
    done = subprocess.run([sys.executable, "-c", PARSE], input=raw, capture_output=True,
                          check=True)
    return int(done.stdout) // 1024


def refused(raw: bytes) -> str:
    try:
        notebooks.read(raw)
    except notebooks.NotANotebook as error:
        if "values" in str(error):
            return "refused before parsing (too many values)"
        return "refused once parsed (not a notebook)"
    return "read"


def check_seconds(paths: list[Path], runs: int = 7) -> dict[Path, list[float]]:
    """Each file checked `runs` times, the files taking turns, so that a change in the
    machine's load falls on both alike."""
    times: dict[Path, list[float]] = {path: [] for path in paths}
    for _ in range(runs):
        for path in paths:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "grader", "check", str(path), "--format",
                            "json", "--seed", "1"], capture_output=True, cwd=path.parent,
                           check=False)
            times[path].append(time.perf_counter() - started)
    return times


def main() -> None:
    print(f"{os.cpu_count()} CPUs; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"Python {sys.version.split()[0]}\n")
    small, large = honest(), with_outputs()
    print("converting a notebook into the learner's module (best of 5)")
    for name, raw in (("softmax, as init writes it", small), ("with 150 cells of outputs", large)):
        seconds = best_of(5, lambda raw=raw: notebooks.read(raw))
        print(f"  {name:<28} {len(raw) / MIB:6.2f} MiB  {seconds * 1000:7.1f} ms")
    print("\npeak memory of json.loads on 8 MiB of one JSON shape (fresh process)")
    for name, raw in SHAPES.items():
        print(f"  {name:<15} {peak_mib(raw):5d} MiB   notebooks.read: {refused(raw)}")
    with tempfile.TemporaryDirectory() as folder:
        as_py = Path(folder) / "py" / "softmax.py"
        as_notebook = Path(folder) / "nb" / "softmax.ipynb"
        for path, data in ((as_py, SOLUTION.encode()), (as_notebook, small)):
            path.parent.mkdir()
            path.write_bytes(data)
        print("\n`grader check --format json` in a fresh process, 7 runs each, taking turns")
        for path, times in check_seconds([as_py, as_notebook]).items():
            print(f"  {path.name:<14} median {statistics.median(times):.2f} s, "
                  f"fastest {min(times):.2f} s")


if __name__ == "__main__":
    main()
