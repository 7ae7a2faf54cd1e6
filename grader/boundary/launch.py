"""How a learner process is started: the strongest isolation this machine allows, found by trying.

Each level wraps the same learner command. A level that cannot start here fails before the
learner's code runs (the learner process says hello first), so trying them in order costs a few
milliseconds and never needs a separate probe run.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from grader.boundary import confine
from grader.course import paths as course

NOBODY = 65534


@dataclass(frozen=True)
class Limits:
    """Every limit one submission runs under; the trusted side enforces the clocks."""

    test_seconds: float = 5.0
    submission_seconds: float = 60.0
    import_seconds: float = 10.0
    memory_bytes: int = 2 * 1024**3
    output_bytes: int = 64 * 1024
    file_bytes: int = 8 * 1024**2
    disk_bytes: int = 64 * 1024**2
    open_files: int = 64
    processes: int = 64

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
    """One way of starting a learner process. `key` names it for NN_GRADER_ISOLATION."""

    key: str
    name: str
    layers: tuple[str, ...]
    uid: int | None = None
    user_namespace: bool = False
    pid_namespace: bool = False
    nanny: bool = False

    @property
    def own_uid(self) -> bool:
        """True when the learner runs under a uid of its own, so per-uid limits are safe."""
        return self.uid is not None

    def describe(self, extra: tuple[str, ...] = ()) -> str:
        return f"{self.name}: " + ", ".join((*self.layers, *extra))

    @property
    def sized_folders(self) -> bool:
        """The working folder and /tmp are size-capped tmpfs mounts of the sandbox's own (the
        submission is copied in from `source_fd`), rather than a folder of the host's."""
        return self.name == "bubblewrap"

    def command(self, python_args: list[str], workdir: Path, env: dict[str, str],
                source_fd: int | None = None, label: str = "", disk_bytes: int = 0) -> list[str]:
        if self.name == "bubblewrap":
            return _bwrap(python_args, workdir, env, self.user_namespace,
                          (source_fd, workdir / label, disk_bytes))
        if self.name == "unshare":
            mapping = ["--user", "--map-root-user"] if self.user_namespace else []
            return ["unshare", *mapping, "--pid", "--fork", "--kill-child", "--net", "--mount",
                    "--mount-proc", "--ipc", "--uts", "--", *python_args]
        return python_args

    def preexec(self):
        return confine.die_with_parent


_COMMON = ("scrubbed environment", "private working directory", "stdin closed",
           "rlimits (memory, CPU, files, output)")
_SANDBOX = ("PID namespace", "no network", "read-only minimal filesystem",
            "suites and solutions hidden", "size-capped scratch space")
ENVIRONMENT_KEY = "NN_GRADER_ISOLATION"


def candidate_levels(forced: str | None = None) -> list[Level]:
    """The levels to try, strongest first; `forced` (a key or a name) keeps only those."""
    root = os.getuid() == 0
    levels = []
    if shutil.which("bwrap"):
        if root:
            levels.append(Level("bubblewrap", "bubblewrap",
                                (*_SANDBOX, f"unprivileged uid {NOBODY}", *_COMMON),
                                uid=NOBODY, pid_namespace=True))
            levels.append(Level("bubblewrap-userns", "bubblewrap",
                                (*_SANDBOX, "user namespace without capabilities", *_COMMON),
                                user_namespace=True, pid_namespace=True))
        else:
            levels.append(Level("bubblewrap", "bubblewrap",
                                (*_SANDBOX, "user namespace", *_COMMON),
                                user_namespace=True, pid_namespace=True))
    # Without bubblewrap's mounts, the learner can only switch uid if that uid can still read
    # the interpreter and its libraries (not so when Python lives in root's home folder).
    drop = NOBODY if root and _nobody_can_read(_readable_roots()) else None
    uid_layer = (f"unprivileged uid {NOBODY}",) if drop is not None else ()
    if shutil.which("unshare"):
        levels.append(Level("unshare", "unshare", ("PID namespace", "no network",
                                                   "stand-in parent", *uid_layer, *_COMMON),
                            uid=drop, user_namespace=not root, pid_namespace=True, nanny=True))
    levels.append(Level("process", "process",
                        ("own process group", "stand-in parent", *uid_layer, *_COMMON),
                        uid=drop, nanny=True))
    if forced:
        chosen = [level for level in levels if forced in (level.key, level.name)]
        if not chosen:
            raise ValueError(f"{ENVIRONMENT_KEY}={forced!r} names no isolation level available "
                             f"here; choose from: {', '.join(level.key for level in levels)}")
        return chosen
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


@functools.cache
def _readable_roots() -> tuple[str, ...]:
    """What the learner's interpreter needs to see: Python, its libraries, numpy, this package.
    Fixed for the life of a process, and needed at every learner start: worked out once."""
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
    return tuple(kept)


def _hidden_paths(roots: tuple[str, ...]) -> list[str]:
    """Folders under `roots` that hold suites or solutions, each to be covered by an empty one.

    Besides this package's own, any other copy of the package in a site-packages folder (a
    stale install, or the course files an editable install puts there) is hidden whole.
    """
    hidden = {folder.resolve() for folder in course.hidden_dirs() if folder.is_dir()}
    own = course.PACKAGE_DIR.resolve()
    sites = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    sites.update(path for path in sys.path if path.endswith(("site-packages", "dist-packages")))
    for site in sites:
        try:
            entries = list(os.scandir(site))
        except OSError:
            continue
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                continue
            folder = Path(entry.path).resolve()
            if folder != own and any((folder / sub).is_dir()
                                     for sub in ("suites", "course/suites", "_course")):
                hidden.add(folder)
    inside = [folder for folder in hidden
              if any(folder == Path(root) or Path(root) in folder.parents for root in roots)]
    return sorted(str(folder) for folder in inside)


def _parents_to_create(paths: list[str]) -> list[str]:
    """The folders above `paths` that are not inside a system folder the sandbox mounts (the
    sandbox's own /tmp is a fresh tmpfs: a checkout under /tmp needs its folders there)."""
    mounted = ("/usr", "/proc", "/dev", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
               "/libx32")
    parents = set()
    for path in paths:
        for parent in Path(path).parents:
            text = str(parent)
            if text not in ("/", "/tmp") and not any(text == top or text.startswith(top + "/")
                                                     for top in mounted):
                parents.add(text)
    return sorted(parents, key=lambda text: (text.count("/"), text))


def _nobody_can_read(paths: tuple[str, ...]) -> bool:
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


def _bwrap(python_args: list[str], workdir: Path, env: dict[str, str], user_namespace: bool,
           submission: tuple[int | None, Path, int]) -> list[str]:
    """The bubblewrap command; `submission` is (fd to copy it from, its path, folder size)."""
    source_fd, submission_path, disk_bytes = submission
    args = ["bwrap", "--die-with-parent", "--new-session", "--clearenv", "--unshare-pid",
            "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if user_namespace:
        args.append("--unshare-user")
        if os.getuid() == 0:
            args += ["--uid", str(NOBODY), "--gid", str(NOBODY)]
    elif os.getuid() == 0:
        # Run as real root only to build the mounts; the learner process switches to NOBODY
        # before it says hello, and these capabilities are all it holds until then (the last
        # one lets bubblewrap enter the working folder, which belongs to NOBODY).
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                 "--cap-add", "CAP_DAC_READ_SEARCH"]
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
    args += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", str(disk_bytes), "--tmpfs", "/tmp"]
    roots = _readable_roots()
    hidden = _hidden_paths(roots)
    # bubblewrap would create the folders above a mount point with mode 0700, which the
    # learner's uid could not pass through (Python under /root, say): create them readable.
    for folder in _parents_to_create([*roots, *hidden]):
        args += ["--perms", "0755", "--dir", folder]
    for path in roots:
        args += ["--ro-bind", path, path]
    for folder in hidden:
        args += ["--tmpfs", folder]
    args += ["--perms", "1777", "--size", str(disk_bytes), "--tmpfs", str(workdir),
             "--perms", "0444", "--file", str(source_fd), str(submission_path),
             "--remount-ro", "/", "--chdir", str(workdir), "--", *python_args]
    return args


def make_undumpable() -> None:
    """Hide this process's memory, environment and fds from same-uid processes in /proc."""
    confine.make_undumpable()
