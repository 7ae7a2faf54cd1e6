"""How a learner process is started: the strongest isolation this machine allows, found by trying.

Each level wraps the same learner command. A level that cannot start here fails before the
learner's code runs (the learner process says hello first), so trying them in order costs a few
milliseconds and never needs a separate probe run.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import stat
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from grader import course

NOBODY = 65534
_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4


@dataclass(frozen=True)
class Limits:
    """Every limit one submission runs under; the trusted side enforces the clocks."""

    test_seconds: float = 5.0
    submission_seconds: float = 60.0
    import_seconds: float = 10.0
    memory_bytes: int = 2 * 1024**3
    output_bytes: int = 256 * 1024
    file_bytes: int = 8 * 1024**2
    open_files: int = 64
    processes: int = 256

    def for_learner(self, own_uid: bool) -> dict:
        return {
            "memory_bytes": self.memory_bytes,
            "cpu_seconds": int(self.submission_seconds) + 5,
            "open_files": self.open_files,
            "file_bytes": self.file_bytes,
            "output_bytes": self.output_bytes,
            "processes": self.processes if own_uid else None,
        }


@dataclass(frozen=True)
class Level:
    name: str
    layers: tuple[str, ...]
    drop_uid: bool = False

    @property
    def own_uid(self) -> bool:
        """True when the learner runs under a uid of its own, so per-uid limits are safe."""
        return self.drop_uid or (os.getuid() != 0 and self.name != "process")

    def describe(self) -> str:
        return f"{self.name}: " + ", ".join(self.layers)

    def command(self, python_args: list[str], workdir: Path, env: dict[str, str]) -> list[str]:
        if self.name == "bubblewrap":
            return _bwrap(python_args, workdir, env, self.drop_uid)
        if self.name == "unshare":
            mapping = [] if os.getuid() == 0 else ["--user", "--map-root-user"]
            return ["unshare", *mapping, "--pid", "--fork", "--kill-child", "--net", "--mount",
                    "--mount-proc", "--ipc", "--uts", "--", *python_args]
        return python_args

    def preexec(self):
        drop = self.drop_uid

        def prepare() -> None:
            _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if drop:
                os.setgroups([])
                os.setresgid(NOBODY, NOBODY, NOBODY)
                os.setresuid(NOBODY, NOBODY, NOBODY)

        return prepare


_COMMON = ("scrubbed environment", "private working directory", "stdin closed",
           "rlimits (memory, CPU, files, output)")


def candidate_levels() -> list[Level]:
    levels = []
    if shutil.which("bwrap"):
        sandbox = ("PID namespace", "no network", "read-only minimal filesystem",
                   "suites and solutions hidden")
        if os.getuid() == 0 and _nobody_can_read(_readable_roots()):
            levels.append(Level("bubblewrap", (*sandbox, "unprivileged uid", *_COMMON), True))
        if os.getuid() == 0:
            levels.append(Level("bubblewrap", (*sandbox, "no capabilities", *_COMMON)))
        else:
            levels.append(Level("bubblewrap", (*sandbox, "unprivileged uid", *_COMMON)))
    if shutil.which("unshare"):
        levels.append(Level("unshare", ("PID namespace", "no network", *_COMMON)))
    levels.append(Level("process", ("own process group", *_COMMON)))
    return levels


def learner_env(workdir: Path) -> dict[str, str]:
    """The whole environment a learner process gets: nothing of the grader's caller."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "LANG": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def python_command(code: str) -> list[str]:
    """Run `code` with this interpreter, isolated from the caller's Python settings."""
    bootstrap = f"import sys; sys.path.insert(0, {str(course.PACKAGE_DIR.parent)!r}); {code}"
    return [sys.executable, "-I", "-c", bootstrap]


def _readable_roots() -> list[str]:
    """What the learner's interpreter needs to see: Python, its libraries, numpy, this package."""
    import numpy

    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix,
             str(Path(sys.executable).resolve().parent.parent),
             str(Path(numpy.__file__).resolve().parent.parent),
             str(course.PACKAGE_DIR)}
    paths.update(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib",
                                                        "platlib"))
    existing = sorted({str(Path(p).resolve()) for p in paths if p and os.path.isdir(p)}, key=len)
    kept: list[str] = []
    for path in existing:
        if not any(path == root or path.startswith(root.rstrip("/") + "/")
                   for root in [*kept, "/usr"]):
            kept.append(path)
    return kept


def _nobody_can_read(paths: list[str]) -> bool:
    """Whether an unprivileged uid can reach the interpreter and its libraries at all."""
    for path in paths:
        for folder in [Path(path), *Path(path).parents]:
            try:
                mode = folder.stat().st_mode
            except OSError:
                return False
            if not mode & stat.S_IXOTH or (folder == Path(path) and not mode & stat.S_IROTH):
                return False
    return True


def _bwrap(python_args: list[str], workdir: Path, env: dict[str, str], dropped: bool) -> list[str]:
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    if os.getuid() == 0 and not dropped:
        args += ["--uid", str(NOBODY), "--gid", str(NOBODY)]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            args += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            args += ["--ro-bind", name, name]
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group"):
        args += ["--ro-bind-try", name, name]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in _readable_roots():
        args += ["--ro-bind", path, path]
    for hidden in course.hidden_dirs():
        if hidden.is_dir():
            args += ["--tmpfs", str(hidden.resolve())]
    args += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir), "--", *python_args]
    return args


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def make_undumpable() -> None:
    """Hide this process's memory, environment and fds from same-uid processes in /proc."""
    _prctl(_PR_SET_DUMPABLE, 0)
