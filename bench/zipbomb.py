"""Peak memory of `grader report` on hostile class archives, against a small honest class.

    python bench/zipbomb.py

Each archive is graded by a fresh `python -m grader report ARCHIVE -o OUT` process; its peak
resident memory (ru_maxrss from wait4, which covers the processes it waited for too) is
printed with its exit code and the size of the archive. The archives:
- honest: 3 learners, one small correct file each (the baseline: Python, pandas, the grader);
- bomb: 80 learners, each `softmax.py` 32 MiB of `#` compressed with bzip2 to 168 bytes, so a
  13 KB archive that expands to 2.5 GiB;
- lying bomb: the same, with each member's declared size rewritten to 1 KiB;
- capped class: 600 learners, each file just under the 1 MiB source limit (deflate), so the
  total reaches the cap on a class's source bytes;
- many liars: 2,000 learners, each member the bomb's 168 bytes declaring 1 KiB: cheap to make,
  and each was inflated to the 1 MiB cap before it was refused (a time bomb, not a memory one).
Not a test: the figures depend on the machine; the memory test in tests/test_batch_archive.py
holds the bomb to a bound.
"""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = (ROOT / "solutions" / "softmax.py").read_bytes()


def bomb(path: Path, learners: int = 80, size: int = 32 * 1024 * 1024) -> Path:
    data = b"#" * size
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        for number in range(learners):
            archive.writestr(f"learner{number:03d}/softmax.py", data)
    return path


def lying(path: Path, declared: int = 1024) -> Path:
    """The bomb with every member's uncompressed size, in both headers, set to `declared`."""
    data = bytearray(bomb(path).read_bytes())
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    for info in infos:
        struct.pack_into("<I", data, info.header_offset + 22, declared)
    directory = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HII", data, directory + 10)
    position = offset
    for _ in range(count):
        struct.pack_into("<I", data, position + 24, declared)
        names, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        position += 46 + names + extra + comment
    path.write_bytes(bytes(data))
    return path


def many_liars(path: Path, learners: int = 2000) -> Path:
    """`learners` members of the lying bomb's one payload: the archive is written by hand,
    since zipfile would compress 32 MiB again for each."""
    with zipfile.ZipFile(lying(path.with_name("one-liar.zip"))) as archive:
        info = archive.infolist()[0]
        raw = archive.fp
        raw.seek(info.header_offset + 26)
        name_size, extra_size = struct.unpack("<HH", raw.read(4))
        raw.seek(info.header_offset + 30 + name_size + extra_size)
        payload = raw.read(info.compress_size)
    body, directory = bytearray(), bytearray()
    for number in range(learners):
        name = f"learner{number:04d}/softmax.py".encode()
        offset = len(body)
        fields = (20, 0, zipfile.ZIP_BZIP2, 0, 0, info.CRC, len(payload), 1024, len(name))
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + name + payload
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0,
                                 offset) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, learners, learners, len(directory),
                      len(body), 0)
    path.write_bytes(bytes(body + directory + end))
    return path


def honest(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("ann", "ben", "cat"):
            archive.writestr(f"{name}/softmax.py", SOLUTION)
    return path


def capped(path: Path, learners: int = 600) -> Path:
    data = SOLUTION + b"#" * (1024 * 1024 - len(SOLUTION) - 2) + b"\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(learners):
            archive.writestr(f"learner{number:03d}/softmax.py", data)
    return path


def measure(archive: Path, out: Path) -> tuple[int, float, float, str]:
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "grader", "report", str(archive), "-o",
                                str(out), "--seed", "1"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode("utf-8", errors="replace").strip()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    last = stderr.splitlines()[-1] if stderr else ""
    return process.returncode, usage.ru_maxrss / 1024, time.monotonic() - started, last


def main() -> None:
    print(f"{sys.version.split()[0]}; {os.cpu_count()} CPUs; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'archive':12} {'size':>9} {'expands to':>11} {'exit':>4} {'peak MiB':>9} "
          f"{'wall s':>7}  last line on stderr")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, build in (("honest", honest), ("bomb", bomb), ("lying bomb", lying),
                            ("capped", capped), ("many liars", many_liars)):
            archive = build(folder / f"{name.replace(' ', '-')}.zip")
            with zipfile.ZipFile(archive) as opened:
                expands = sum(info.file_size for info in opened.infolist())
            if name in ("lying bomb", "many liars"):
                expands = {"lying bomb": 80, "many liars": 2000}[name] * 32 * 1024 * 1024
            code, peak, wall, last = measure(archive, folder / f"out-{archive.stem}")
            print(f"{name:12} {archive.stat().st_size / 1024:7.1f}KB {expands / 2**20:8.0f}MiB "
                  f"{code:>4} {peak:9.0f} {wall:7.1f}  {last[:70]}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this script itself: {own:.0f} MiB)")


if __name__ == "__main__":
    main()
