"""What hostile replies cost the trusted side: `python bench/wire.py`.

1. Each forged reply of tests/test_caps.py (replies built to be slow to decode, floods of text),
   graded through the real pipeline as `grader check` does: the wall time of the whole check,
   the size of the result JSON (as `--format json` prints it) and of the HTML report.
2. Decoding, in this process, the most expensive messages the caps still let through: the
   time of `wire.parse` and `wire.decode` on each.

Figures are medians over repeats on a shared machine; nothing here is asserted anywhere.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_caps import FORGER, SLOW  # noqa: E402

from grader.boundary import wire  # noqa: E402
from grader.core import grading  # noqa: E402
from grader.render import html as render_html  # noqa: E402

FLOODS = {
    "missing_name_7mb": ("def __getattr__(name):\n"
                         "    _forge({'missing': 'x' * 7_000_000, 'names': ['y' * 2000] * 500})\n"),
    "raised_7mb": ("def softmax(L):\n    _forge({'raised': {'type': 'T' * 1_000_000, "
                   "'message': 'm' * 3_000_000, 'frames': [[1, 'f' * 50_000, 'g' * 50_000]] "
                   "* 30}})\n"),
    "unsendable_7mb": "def softmax(L):\n    _forge({'unsendable': 'u' * 7_000_000})\n",
    "printed_100mb": ("import sys\ndef softmax(L):\n"
                      "    sys.stdout.write('\\x01' * 100_000_000)\n    return L\n"),
}


def median(action, repeats: int) -> tuple[float, Any]:
    """The median time of `action` over `repeats` runs, and what it returned last."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def grade_attacks(repeats: int) -> None:
    print("Forged replies to softmax, graded end to end:\n")
    print(f"{'attack':<22}{'check (s)':>10}{'result JSON':>14}{'HTML':>12}  first message")
    attacks = {name: f"def softmax(L):\n    _forge({reply})\n"
               for name, (reply, _) in SLOW.items()}
    attacks.update(FLOODS)
    with tempfile.TemporaryDirectory() as folder:
        for name, body in attacks.items():
            path = Path(folder) / "softmax.py"
            path.write_text(FORGER + body)
            seconds, result = median(lambda path=path: grading.grade(path, seed=1), repeats)
            size = len(result.to_json(indent=2).encode())
            page = len(render_html.render(result).encode())
            message = next((test.message for test in result.tests if test.message), "")
            print(f"{name:<22}{seconds:>10.2f}{size:>14,}{page:>12,}  "
                  f"{message.splitlines()[0][:70]}")


def worst_messages() -> dict[str, bytes]:
    """The most expensive messages to read that the caps let through, as frame payloads."""
    groups = wire.MAX_VALUES // 2 // wire.MAX_SAME_HASH
    colliding = [[(2**61 - 1) * k + g, 0] for g in range(groups)
                 for k in range(wire.MAX_SAME_HASH)]
    tiny = wire.encode(np.zeros(1))
    count = wire.MAX_VALUES // (wire.ARRAY_COST + 1) - 1
    big = base64.b64encode(b"\0" * (wire.MAX_ARRAY_BYTES // 8 * 8)).decode()
    structure = wire.MAX_STRUCTURE // 2 - 10
    return {
        f"dict, {len(colliding):,} keys, 16 per hash": {"$dict": colliding},
        f"list of {wire.MAX_VALUES - 1:,} floats": [0.5] * (wire.MAX_VALUES - 1),
        f"list of {count:,} tiny arrays": [tiny] * count,
        f"array of {wire.MAX_ARRAY_BYTES // 2**20} MiB": {
            "$nd": "<f8", "shape": [wire.MAX_ARRAY_BYTES // 8], "b64": big},
        f"{structure:,} empty lists (refused)": [[]] * structure,
        "tuples 64 deep": json.loads('{"$tuple": [' * 64 + "1" + "]}" * 64),
    }


def decode_costs(repeats: int) -> None:
    print("\nThe most expensive messages the caps let through, read in this process:\n")
    print(f"{'message':<36}{'frame (MB)':>11}{'parse (s)':>11}{'decode (s)':>12}")
    for name, value in worst_messages().items():
        payload = json.dumps({"ok": value}).encode()
        parse, message = median(lambda payload=payload: wire.parse(payload), repeats)
        decoded, _ = median(lambda message=message: refused(wire.decode, message["ok"]), repeats)
        print(f"{name:<36}{len(payload) / 1e6:>11.2f}{parse:>11.3f}{decoded:>12.3f}")


def refused(read, data) -> None:
    """Read `data`; a refusal is an outcome like any other, and its cost is what is timed."""
    try:
        read(data)
    except wire.WireError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    grade_attacks(args.repeats)
    decode_costs(args.repeats)


if __name__ == "__main__":
    main()
