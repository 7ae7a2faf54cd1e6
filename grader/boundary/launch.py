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
from grader.i18n import N_, _

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
    scratch_files: int = 4096  # files and folders on each scratch mount
    open_files: int = 64
    processes: int = 64

    def for_learner(self, per_uid_processes: bool) -> dict:
        """The limits the learner process sets on itself; RLIMIT_NPROC only where it counts
        this learner alone (its uid is its own, and no cgroup counts its threads instead)."""
        return {
            "memory_bytes": self.memory_bytes,
            "cpu_seconds": int(self.submission_seconds) + 5,
            "open_files": self.open_files,
            "file_bytes": self.file_bytes,
            "output_bytes": self.output_bytes,
            "processes": self.processes if per_uid_processes else None,
        }


@dataclass(frozen=True)
class Level:
    """One way of starting a learner process. `key` names it for NN_GRADER_ISOLATION.

    `safe` is this level's claim, on this machine, that the learner's code holds none of the
    grader's powers: not root with capabilities, no sight of the suites, the solutions, other
    learners' files or other processes, no write access to the installation. `grader report`
    refuses a level that does not claim it (`unsafe_reason` says why) unless told otherwise.
    """

    key: str
    name: str
    layers: tuple[str, ...]
    uid: int | None = None
    user_namespace: bool = False
    pid_namespace: bool = False
    nanny: bool = False
    builds_root: bool = False
    preforked: bool = False
    unsafe_reason: str = ""

    @property
    def safe(self) -> bool:
        return not self.unsafe_reason

    def why_unsafe(self) -> str:
        """`unsafe_reason` in the language spoken (it is recorded in English)."""
        return next((_(reason).format(uid=NOBODY) for reason in (AS_YOU, AS_NOBODY, AS_ROOT)
                     if reason.format(uid=NOBODY) == self.unsafe_reason), self.unsafe_reason)

    @property
    def own_uid(self) -> bool:
        """True when the learner runs under a uid of its own, so per-uid limits are safe."""
        return self.uid is not None

    def describe(self, extra: tuple[str, ...] = ()) -> str:
        """The `isolation` string of a result: the level, its layers and those the learner
        process added (`extra`); "UNSAFE: " first where the level is not safe."""
        if SECCOMP_LAYER not in extra:
            extra = (*extra, NO_SECCOMP_LAYER)
        text = f"{self.name}: " + ", ".join((*self.layers, *extra))
        return text if self.safe else f"{UNSAFE_MARK}{text}"

    @property
    def own_scratch(self) -> bool:
        """True when the working folder, /tmp and /dev/shm are the sandbox's own tmpfs
        mounts, which the learner process caps before the learner's code runs."""
        return self.name == "bubblewrap" or self.builds_root

    @property
    def source_from_fd(self) -> bool:
        """bubblewrap copies the submission into its sandbox from an fd (a memfd); the other
        levels read it from the host's working folder."""
        return self.name == "bubblewrap"

    def command(self, python_args: list[str], workdir: Path, env: dict[str, str],
                source_fd: int | None = None, label: str = "", disk_bytes: int = 0) -> list[str]:
        if self.name == "bubblewrap":
            plan = sandbox_plan(workdir, label, disk_bytes)
            return _bwrap(python_args, workdir, env, self.user_namespace, plan, source_fd)
        if self.name == "unshare":
            mapping = ["--user", "--map-root-user"] if self.user_namespace else []
            return ["unshare", *mapping, "--pid", "--fork", "--kill-child", "--net", "--mount",
                    "--mount-proc", "--ipc", "--uts", "--cgroup", "--", *python_args]
        return python_args

    def preexec(self):
        return confine.die_with_parent


# A level's layers, as results record them (in English: they are data, and the reports
# translate them when they show them, with LAYERS).
_COMMON = (N_("scrubbed environment"), N_("private working directory"), N_("stdin closed"),
           N_("rlimits (memory, CPU, files, output)"))
_SANDBOX = (N_("PID namespace"), N_("no network"), N_("read-only minimal filesystem"),
            N_("suites and solutions hidden"), N_("size-capped scratch space"))
USER_NAMESPACE, USER_NAMESPACE_NO_CAPS = (N_("user namespace"),
                                          N_("user namespace without capabilities"))
STAND_IN_PARENT, OWN_GROUP = N_("stand-in parent"), N_("own process group")
ROOT_NO_CAPS, UNPRIVILEGED = N_("uid 0 without capabilities"), N_("unprivileged uid {uid}")
THREADS_LAYER = N_("at most {n} threads (cgroup)")
ENVIRONMENT_KEY = "NN_GRADER_ISOLATION"
# Without the seccomp filter (confine.SECCOMP_LAYER), a forked child escapes the memory limit,
# which is per process, and a level says so.
SECCOMP_LAYER = confine.SECCOMP_LAYER
NO_SECCOMP_LAYER = N_("no seccomp filter here: the memory limit is per process")
# Every layer a result may name (templates with their {placeholders}), for the reports to
# translate; confine.SECCOMP_LAYER is written in the learner process, which imports no i18n.
LAYERS = (*_SANDBOX, *_COMMON, USER_NAMESPACE, USER_NAMESPACE_NO_CAPS, STAND_IN_PARENT,
          OWN_GROUP, ROOT_NO_CAPS, UNPRIVILEGED, THREADS_LAYER, NO_SECCOMP_LAYER,
          N_("one process, no new sockets (seccomp)"))
UNSAFE_MARK = "UNSAFE: "
# /dev/shm only has to hold what multiprocessing creates before it forks (and is refused), so
# that the learner is told about the fork rather than about /dev/shm.
SHM_BYTES = 1024 * 1024


def candidate_levels(forced: str | None = None) -> list[Level]:
    """The levels to try, strongest first; `forced` (a key or a name) keeps only those."""
    root = os.getuid() == 0
    unprivileged = UNPRIVILEGED.format(uid=NOBODY)
    levels = []
    if shutil.which("bwrap"):
        if root:
            levels.append(Level("bubblewrap", "bubblewrap",
                                (*_SANDBOX, unprivileged, *_COMMON),
                                uid=NOBODY, pid_namespace=True))
            levels.append(Level("bubblewrap-userns", "bubblewrap",
                                (*_SANDBOX, USER_NAMESPACE_NO_CAPS, *_COMMON),
                                user_namespace=True, pid_namespace=True))
        else:
            levels.append(Level("bubblewrap", "bubblewrap",
                                (*_SANDBOX, USER_NAMESPACE, *_COMMON),
                                user_namespace=True, pid_namespace=True))
    if shutil.which("unshare"):
        # The learner process builds the same minimal root as bubblewrap itself, in the mount
        # namespace unshare gives it, then drops to NOBODY (as root) or every capability.
        levels.append(Level("unshare", "unshare",
                            (*_SANDBOX, STAND_IN_PARENT,
                             unprivileged if root else USER_NAMESPACE_NO_CAPS, *_COMMON),
                            uid=NOBODY if root else None, user_namespace=not root,
                            pid_namespace=True, nanny=True, builds_root=True))
    if root:
        # Never the first choice here: a learner template pays off only where it serves many
        # learners, and the batch pool puts the one it starts first (process.LearnerProcess).
        levels.append(preforked_level())
    levels.append(_process_level(root))
    if forced:
        chosen = [level for level in levels if forced in (level.key, level.name)]
        if not chosen:
            raise ValueError(f"{ENVIRONMENT_KEY}={forced!r} names no isolation level available "
                             f"here; choose from: {', '.join(level.key for level in levels)}")
        return chosen
    return levels


# The levels a job may name that the preforked level stands in for: it builds the same walls
# (see preforked_level), and it is only offered where the learner's uid can be NOBODY.
PREFORKED_STANDS_FOR = (None, "bubblewrap", "unshare", "preforked")


def preforked_level() -> Level:
    """The `unshare` level as root, started from the learner template (template.py) instead of
    a fresh interpreter: the same new namespaces, the same root filesystem built by the
    learner process itself, the same uid switch, stand-in parent, limits and seccomp filter.
    Root only. The batch pool starts one template for all its learners; a grading process
    that has none and is told to use this level starts its own."""
    return Level("preforked", "preforked",
                 (*_SANDBOX, STAND_IN_PARENT, UNPRIVILEGED.format(uid=NOBODY), *_COMMON),
                 uid=NOBODY, pid_namespace=True, nanny=True, builds_root=True, preforked=True)


# Why the process level is not safe, for each uid it may run the learner's code as.
AS_YOU = N_("the learner's code runs as you and sees your whole filesystem and your processes: "
            "it can read the suites, the solutions and other learners' files, and change "
            "anything you can")
AS_NOBODY = N_("the learner's code runs as uid {uid} with the whole filesystem in view: it can "
               "read every file that any user may read (the reference solutions, other "
               "learners' files) and see every process")
AS_ROOT = N_("the learner's code keeps uid 0, without capabilities (uid {uid} cannot read "
             "Python here): it can read and change every file root owns (the suites, the "
             "solutions, other learners' files, the installed grader) and kernel settings that "
             "give back every power")


def _process_level(root: bool) -> Level:
    """A plain process: no namespace, so the learner sees the host's whole filesystem and its
    processes as whatever uid it has. Never safe for class grading."""
    if not root:
        return Level("process", "process", (OWN_GROUP, STAND_IN_PARENT, *_COMMON),
                     nanny=True, unsafe_reason=AS_YOU.format(uid=NOBODY))
    # Without mounts of its own, the learner can only switch uid if that uid can still read
    # the interpreter and its libraries (not so when Python lives in root's home folder).
    if _nobody_can_read(_readable_roots()):
        return Level("process", "process",
                     (OWN_GROUP, STAND_IN_PARENT, UNPRIVILEGED.format(uid=NOBODY), *_COMMON),
                     uid=NOBODY, nanny=True, unsafe_reason=AS_NOBODY.format(uid=NOBODY))
    return Level("process", "process",
                 (OWN_GROUP, STAND_IN_PARENT, ROOT_NO_CAPS, *_COMMON),
                 nanny=True, unsafe_reason=AS_ROOT.format(uid=NOBODY))


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


# The system folders every sandbox mounts whole (sandbox_plan), besides the readable roots.
_SYSTEM_MOUNTS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def _hidden_paths(roots: tuple[str, ...]) -> list[str]:
    """Folders the learner would see that hold suites, solutions or a corpus of answers, each
    to be covered by an empty one: those of the course being graded and of the built-in
    course, wherever they are (a course folder may sit inside a readable root, or under /usr,
    which the sandbox mounts whole).

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
            if folder != own and any((folder / sub).is_dir() for sub in (
                    "suites", "course/suites", "course/builtin", "_course")):
                hidden.add(folder)
    seen = [Path(root) for root in (*roots, *_SYSTEM_MOUNTS)]
    inside = [folder for folder in hidden
              if any(folder == root or root in folder.parents for root in seen)]
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


def sandbox_plan(workdir: Path, label: str, disk_bytes: int) -> list[dict]:
    """The learner's whole root filesystem, step by step: what bubblewrap builds from its
    command line and the `unshare` level builds itself (confine.build_root). Nothing outside
    it exists for the learner: not the class folder, not other learners' folders, not /root.

    Steps (dicts, so they cross to the learner process as JSON): `ro-bind` (or `ro-bind-try`,
    skipped if missing) a host path at the same place; `symlink`; `dir`; `tmpfs` with a mode
    and a size (0: not capped); `proc`; `dev`; `file`, the submission itself.
    """
    plan: list[dict] = [{"kind": "ro-bind", "source": "/usr", "target": "/usr"}]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            plan.append({"kind": "symlink", "source": os.readlink(name), "target": name})
        elif os.path.isdir(name):
            plan.append({"kind": "ro-bind", "source": name, "target": name})
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group"):
        plan.append({"kind": "ro-bind-try", "source": name, "target": name})
    plan += [{"kind": "proc", "target": "/proc"}, {"kind": "dev", "target": "/dev"},
             {"kind": "tmpfs", "target": "/dev/shm", "mode": 0o1777, "size": SHM_BYTES},
             {"kind": "tmpfs", "target": "/tmp", "mode": 0o1777, "size": disk_bytes}]
    roots = _readable_roots()
    hidden = _hidden_paths(roots)
    # Folders above a mount point must be created traversable (bubblewrap would make them
    # 0700), for the learner's uid to reach Python under /root, say.
    plan += [{"kind": "dir", "target": folder, "mode": 0o755}
             for folder in _parents_to_create([*roots, *hidden])]
    plan += [{"kind": "ro-bind", "source": path, "target": path} for path in roots]
    plan += [{"kind": "tmpfs", "target": folder, "mode": 0o755, "size": 4096}
             for folder in hidden]
    plan += [{"kind": "tmpfs", "target": str(workdir), "mode": 0o1777, "size": disk_bytes},
             {"kind": "file", "source": str(workdir / label), "target": str(workdir / label),
              "mode": 0o444}]
    return plan


def _bwrap(python_args: list[str], workdir: Path, env: dict[str, str], user_namespace: bool,
           plan: list[dict], source_fd: int | None) -> list[str]:
    """The bubblewrap command that builds `plan`; the submission comes from `source_fd`."""
    args = ["bwrap", "--die-with-parent", "--new-session", "--clearenv", "--unshare-pid",
            "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    read_only: list[str] = []
    # CAP_SETPCAP lets the learner process empty its bounding set, and CAP_SYS_ADMIN cap the
    # files on its scratch mounts (confine.limit_scratch), before the learner's code runs
    # (confine.become, confine.drop_capabilities); both are gone by then.
    if user_namespace:
        args += ["--unshare-user", "--cap-drop", "ALL", "--cap-add", "CAP_SETPCAP", "--cap-add",
                 "CAP_SYS_ADMIN"]
        if os.getuid() == 0:
            args += ["--uid", str(NOBODY), "--gid", str(NOBODY)]
    elif os.getuid() == 0:
        # Run as real root only to build the mounts; the learner process switches to NOBODY
        # before it says hello, and these capabilities are all it holds until then
        # (CAP_DAC_READ_SEARCH lets bubblewrap reach Python where only root may).
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                 "--cap-add", "CAP_DAC_READ_SEARCH", "--cap-add", "CAP_SETPCAP", "--cap-add",
                 "CAP_SYS_ADMIN"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    for step in plan:
        kind, target = step["kind"], step["target"]
        if kind in ("ro-bind", "ro-bind-try", "symlink"):
            args += [f"--{kind}", step["source"], target]
        elif kind == "proc":
            # Read-only: a learner whose uid is root outside (bubblewrap-userns) could otherwise
            # write kernel settings such as kernel.core_pattern, a way to run code as root.
            args += ["--proc", target, "--remount-ro", target]
        elif kind == "dev":
            # The devices confine.build_root binds, not bubblewrap's --dev: its devpts needs a
            # nested user namespace, where the learner process could no longer cap the files
            # on its scratch mounts (confine.limit_scratch).
            args += ["--perms", "0755", "--size", "65536", "--tmpfs", target]
            for name in confine.DEVICES:
                if os.path.exists(f"/dev/{name}"):
                    args += ["--dev-bind", f"/dev/{name}", f"{target}/{name}"]
            for name, link in confine.DEVICE_LINKS.items():
                args += ["--symlink", link, f"{target}/{name}"]
            args += ["--dir", f"{target}/shm"]
            read_only.append(target)
        else:
            args += ["--perms", f"{step['mode']:04o}"]
            if kind == "tmpfs" and step.get("size"):
                args += ["--size", str(step["size"])]
            args += ["--file", str(source_fd), target] if kind == "file" else \
                [f"--{kind}", target]
            if kind == "tmpfs" and not step["mode"] & 0o002:
                read_only.append(target)
    # As confine.build_root does: only the scratch space is writable. In a user namespace the
    # learner's uid owns what bubblewrap mounted, so /dev and the empty folders hiding the
    # suites would otherwise be tmpfs mounts it can fill without a size cap. Last, once the
    # mounts inside them (/dev/shm) are made; each is made read-only alone, not what is inside.
    for target in read_only:
        args += ["--remount-ro", target]
    return [*args, "--remount-ro", "/", "--chdir", str(workdir), "--", *python_args]


def make_undumpable() -> None:
    """Hide this process's memory, environment and fds from same-uid processes in /proc."""
    confine.make_undumpable()
