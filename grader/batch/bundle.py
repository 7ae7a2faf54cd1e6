"""`grader gradescope build`: the zip Gradescope turns into an autograder.

Gradescope unpacks the zip into `/autograder/source`, runs its `setup.sh` once, as root, to
build the image, and runs `run_autograder` (copied to `/autograder`) for every submission (its
"Autograder Specifications"). The bundle holds:

- this grader as a wheel, so Gradescope grades with exactly the suites and solutions installed
  here; `constraints.txt` pins its dependencies to the versions installed here too;
- `nn-grader.json`: the exercises of the assignment and when learners see hidden tests;
- `setup.sh`: finds a Python 3.11 or later (installing python3.11 from the system's packages if
  there is none, as on Ubuntu 22.04, Gradescope's default image), installs bubblewrap if it can,
  makes a virtual environment in `/autograder/nn-grader/venv`, installs the wheel in it (the
  package index is the only network it needs), makes the suites, the solutions and the bundle
  readable by root alone (where bubblewrap cannot start in Gradescope's container, the learner's
  code runs as uid 65534 with the filesystem in view), and grades a reference solution as a
  submission, so that a broken install, or a sandbox in which learner code would keep root,
  fails the build instead of every submission;
- `run_autograder`: `grader gradescope run` on the folder it was copied to.

The wheel comes from what is importable: in a checkout (the course files at the top level),
`pip wheel` builds it with the project's own build backend; from an installed copy, it is put
back together from the files the installation's RECORD lists, each checked against its hash,
so that what Gradescope installs is byte for byte what was installed here.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import hashlib
import importlib.metadata
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from grader import __version__, files, i18n
from grader.batch.autograder import CONFIG, Settings
from grader.course import catalog
from grader.course import paths as course
from grader.i18n import _

DISTRIBUTION = "nn-grader"
CONSTRAINTS = "constraints.txt"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same build gives the same bytes
_SKIPPED_METADATA = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class BuildError(Exception):
    """The bundle cannot be built here; the message says why and what to do."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    wheel: str
    exercises: tuple[str, ...]
    hidden: str
    pins: tuple[str, ...]
    wheel_source: str  # "checkout" or "installed copy"


def build(out: Path, exercises: tuple[str, ...] = (), hidden: str = "after_due_date") -> Bundle:
    """Write the bundle to `out` (replaced atomically; a link or special file is refused)."""
    names = tuple(exercises) or tuple(catalog.names())
    missing = [name for name in names if not course.suite_path(name).is_file()]
    if missing:
        raise BuildError(_("this installation has no suite for {names}").format(
            names=i18n.listing(missing)))
    settings = Settings(names, hidden, lang=i18n.current())
    with tempfile.TemporaryDirectory(prefix="nn-grader-wheel-") as scratch:
        wheel, source = build_wheel(Path(scratch))
        data = wheel.read_bytes()
    pins = pinned(data)
    members = {
        "setup.sh": (setup_script(wheel.name, names[0]), 0o755),
        "run_autograder": (RUN_AUTOGRADER, 0o755),
        CONFIG: (settings.to_json(), 0o644),
        CONSTRAINTS: ("".join(pin + "\n" for pin in pins), 0o644),
        wheel.name: (data, 0o644),
    }
    _write_zip(out, members)
    return Bundle(out, wheel.name, names, hidden, pins, source)


def build_wheel(into: Path) -> tuple[Path, str]:
    """This grader as a wheel in `into`, and where it came from."""
    if not course.SHIPPED_DIR.is_dir():
        return _pip_wheel(course.PACKAGE_DIR.parent, into), "checkout"
    return _rebuilt_wheel(_installed(), into), "installed copy"


def _pip_wheel(checkout: Path, into: Path) -> Path:
    if not (checkout / "pyproject.toml").is_file():
        raise BuildError(_("the grader is imported from {path}, which is neither an installed "
                           "copy nor a checkout with its pyproject.toml").format(
                               path=course.PACKAGE_DIR))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
               "--disable-pip-version-check", "--wheel-dir", str(into), str(checkout)]
    if _importable("hatchling") and _importable("babel"):
        # the backend and its translation compiler are here: no index needed
        command.insert(4, "--no-build-isolation")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    built = sorted(into.glob("nn_grader-*.whl"))
    if done.returncode != 0 or len(built) != 1:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        raise BuildError(_("`pip wheel` could not build the grader from the checkout at "
                           "{path} (exit code {code}). It needs the package index (for the "
                           "build backend, hatchling, and Babel) or both installed.").format(
                               path=checkout, code=done.returncode)
                         + (f"\n{tail}" if tail else ""))
    return built[0]


def _importable(module: str) -> bool:
    with contextlib.suppress(ImportError):
        __import__(module)
        return True
    return False


def _installed() -> importlib.metadata.Distribution:
    """The installed distribution whose files are the grader imported here."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(_("the grader in {path} has no installation record; install it with "
                           "pip, or build from a checkout").format(
                               path=course.PACKAGE_DIR)) from None
    ours = Path(dist.locate_file("grader/__init__.py")).resolve()
    if ours != (course.PACKAGE_DIR / "__init__.py").resolve() or not dist.files:
        raise BuildError(_("the installation record of {name} does not describe the grader "
                           "imported from {path}; reinstall it").format(
                               name=DISTRIBUTION, path=course.PACKAGE_DIR))
    return dist


def _rebuilt_wheel(dist: importlib.metadata.Distribution, into: Path) -> Path:
    """The wheel put back together from the installed files that its RECORD lists (compiled
    files, scripts and the installer's own notes left out), each checked against its hash."""
    entries: list[tuple[str, bytes]] = []
    info = None
    for record in dist.files or ():
        name = record.as_posix()
        top = record.parts[0]
        if top == ".." or "__pycache__" in record.parts or name.endswith(".pyc"):
            continue
        if top.endswith(".dist-info"):
            info = top
            if record.name in _SKIPPED_METADATA:
                continue
        data = Path(dist.locate_file(record)).read_bytes()
        if record.hash is not None and _digest(data) != f"{record.hash.mode}={record.hash.value}":
            raise BuildError(_("{file} in the installed grader differs from what was "
                               "installed (it was changed since); reinstall the grader, or "
                               "build the bundle from a checkout").format(file=name))
        entries.append((name, data))
    tags = [line.split(":", 1)[1].strip()
            for line in (dist.read_text("WHEEL") or "").splitlines()
            if line.startswith("Tag:")]
    if info is None or len(tags) != 1:
        raise BuildError(_("the installation record of {name} lacks its metadata; reinstall "
                           "the grader").format(name=DISTRIBUTION))
    lines = io.StringIO()
    writer = csv.writer(lines, lineterminator="\n")
    for name, data in entries:
        writer.writerow([name, _digest(data), len(data)])
    writer.writerow([f"{info}/RECORD", "", ""])
    entries.append((f"{info}/RECORD", lines.getvalue().encode()))
    wheel = into / f"nn_grader-{dist.version}-{tags[0]}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(_member(name, 0o644), data)
    return wheel


def _digest(data: bytes) -> str:
    raw = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def pinned(wheel: bytes) -> tuple[str, ...]:
    """`name==version` for each runtime dependency the wheel declares, at the version installed
    here: Gradescope then grades with the NumPy and pytest the instructor tested with."""
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        metadata = next(name for name in archive.namelist()
                        if name.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    pins = []
    for line in text.splitlines():
        if not line.startswith("Requires-Dist:") or "extra ==" in line:
            continue
        name = re.match(r"[A-Za-z0-9._-]+", line.split(":", 1)[1].strip())
        if name is not None:
            with contextlib.suppress(importlib.metadata.PackageNotFoundError):
                pins.append(f"{name.group()}=={importlib.metadata.version(name.group())}")
    return tuple(pins)


def _member(name: str, mode: int) -> zipfile.ZipInfo:
    member = zipfile.ZipInfo(name, ZIP_TIME)
    member.external_attr = (0o100000 | mode) << 16
    member.compress_type = zipfile.ZIP_DEFLATED
    return member


def _write_zip(out: Path, members: dict[str, tuple[str | bytes, int]]) -> None:
    """The zip in a temporary file beside `out`, renamed over it once whole."""
    files.refuse_to_replace(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            for name, (data, mode) in members.items():
                archive.writestr(_member(name, mode), data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


RUN_AUTOGRADER = f"""#!/usr/bin/env bash
# Grades /autograder/submission into /autograder/results/results.json with nn-grader
# {__version__}. Written by `grader gradescope build`; Gradescope copies it to /autograder and
# runs it for every submission. Its own folder is the root: a copy elsewhere grades that folder.
root="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
exec "$root/nn-grader/venv/bin/grader" gradescope run --root "$root"
"""


def setup_script(wheel: str, probe: str) -> str:
    return f"""#!/usr/bin/env bash
# Installs nn-grader {__version__} for Gradescope's autograder. Written by `grader gradescope
# build`; Gradescope unpacks the bundle into /autograder/source and runs this once, as root,
# when it builds the image. The package index is the only network it needs.
set -euo pipefail
source_dir="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
home="$(dirname "$source_dir")/nn-grader"

python=""
for candidate in python3.14 python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python="$(command -v "$candidate")"
    break
  fi
done
export DEBIAN_FRONTEND=noninteractive
updated=""
apt_install() {{
  [ -n "$updated" ] || apt-get update -q
  updated=yes
  apt-get install -y -q --no-install-recommends "$@"
}}
if [ -z "$python" ]; then
  echo "nn-grader needs Python 3.11 or later: installing python3.11 from the system's packages"
  apt_install python3.11 python3.11-venv
  python=/usr/bin/python3.11
fi
if ! command -v bwrap >/dev/null 2>&1; then
  # The strongest sandbox, where the container lets it start; the grader falls back without it.
  apt_install bubblewrap || echo "bubblewrap could not be installed; the grader runs without it"
fi
if ! "$python" -m venv "$home/venv" 2>/dev/null; then
  # Debian and Ubuntu ship the part of venv that installs pip as a package of its own.
  apt_install "python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
  "$python" -m venv --clear "$home/venv"
fi
"$home/venv/bin/python" -m pip install --quiet --no-cache-dir --disable-pip-version-check \\
  --constraint "$source_dir/{CONSTRAINTS}" "$source_dir/{wheel}"

# Where bubblewrap cannot start, the learner's code runs as uid 65534 with the filesystem in
# view: it must reach the interpreter, and the suites, the reference solutions and this bundle
# (its wheel holds them) are for root alone.
chmod o+x "$(dirname "$source_dir")" "$home"
"$home/venv/bin/python" -I -c 'from grader.course import paths
for folder in paths.hidden_dirs(): print(folder)' | while read -r folder; do
  chmod -R go-rwx "$folder"
done
chmod -R go-rwx "$source_dir"

# A broken install fails the build, not every submission: grade a reference solution as a
# submission is graded (which also refuses a sandbox in which learner code would keep root).
probe="$(mktemp -d)"
mkdir "$probe/source" "$probe/submission"
cp "$source_dir/{CONFIG}" "$probe/source/"
"$home/venv/bin/python" -I -c 'import shutil, sys
from grader.course import paths
shutil.copy(paths.solution_path("{probe}"), sys.argv[1])' "$probe/submission/"
"$home/venv/bin/grader" gradescope run --root "$probe"
"$home/venv/bin/python" -I -c 'import json, sys
graded = json.load(open(sys.argv[1]))["extra_data"]["exercises"]["{probe}"]
if graded["status"] != "passed":
    sys.exit("the reference solution of {probe} is not at full marks: " + graded["status"])
print("nn-grader {__version__} is installed: the reference solution of {probe} is at full marks.")
' "$probe/results/results.json"
rm -rf "$probe"
"""
