"""Reading and writing files in folders that someone else may have prepared.

A workspace or a class folder can come out of an archive, so any name in it may be a symbolic
link (to /etc/passwd, to root's home) or a FIFO that blocks whoever opens it. Below the folder a
command was pointed at, the grader therefore walks with directory file descriptors and
`O_NOFOLLOW`: a link is refused, never followed, and a special file is never opened for
reading or replaced. The folder given (`below`) is the caller's choice and is used as given.

Every write is atomic: the text goes to a temporary file beside the target, which a rename then
puts in its place, so a reader (or a run killed mid-write) finds the old file or the new one,
whole. The temporary file is named `.<name>.<random>.tmp`, which is how leftovers are found.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path

_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
CHUNK = 64 * 1024


class Refused(OSError):
    """A path the grader will not go through: a symbolic link, or not a regular file.

    `strerror` is a whole clause for the user (`cannot write to X: <strerror>`)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.ELOOP, reason, str(path))


def kind_of(mode: int) -> str:
    """What a file is, as a user would name it ("a FIFO (named pipe)")."""
    kinds = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"),
             (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)),
                "a file" if stat.S_ISREG(mode) else "a special file")


def link_refused(path: Path | str) -> Refused:
    return Refused(path, f"{path} is a symbolic link, which the grader does not follow or "
                         "replace")


def special_refused(path: Path | str, mode: int) -> Refused:
    return Refused(path, f"{path} is {kind_of(mode)}, not a regular file, so the grader does "
                         "not open or replace it")


def open_folder(base: Path, parts: Sequence[str] = (), *, create: bool = True) -> int:
    """A descriptor of `base/parts...`: `base` as given, each of `parts` entered without
    following a link (a link is `Refused`) and made when missing if `create`."""
    if create:
        base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    shown = base
    try:
        for part in parts:
            shown = shown / part
            child = _enter(fd, part, shown, create)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _enter(fd: int, name: str, shown: Path, create: bool) -> int:
    try:
        return os.open(name, _FOLDER, dir_fd=fd)
    except FileNotFoundError:
        if not create:
            raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                raise link_refused(shown) from None
            raise Refused(shown, f"{shown} is {kind_of(mode)}, not a folder") from None
        raise
    try:
        os.mkdir(name, 0o777, dir_fd=fd)
    except FileExistsError:
        pass  # made meanwhile by another process: enter it the same careful way
    return _enter(fd, name, shown, create=False)


def open_regular(name: str | Path, flags: int = os.O_RDONLY, *, dir_fd: int | None = None,
                 shown: Path | str | None = None) -> int:
    """A descriptor of a regular file (`flags` as for `os.open`), opened without following a
    link and without blocking (a FIFO opened for reading waits for a writer forever); the
    opened file itself is checked, so a file swapped for a link or a FIFO after a first look is
    still refused."""
    shown = name if shown is None else shown
    try:
        fd = os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666,
                     dir_fd=dir_fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise link_refused(shown) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise special_refused(shown, info.st_mode)
    if flags & (os.O_WRONLY | os.O_RDWR) and info.st_nlink > 1:
        os.close(fd)  # a hard link to a file elsewhere: appending or cutting would change it
        raise Refused(shown, f"{shown} has other hard links, so the grader does not write to "
                             "it in place")
    return fd


def read_capped(fd: int, cap: int) -> bytes:
    """At most `cap + 1` bytes of an open file, read in chunks whatever its size claims, so
    that more than `cap` is seen without holding more."""
    chunks, size = [], 0
    while size <= cap:
        chunk = os.read(fd, min(CHUNK, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def write_atomically(path: Path, text: str, *, durable: bool = False,
                     below: Path | None = None) -> None:
    """Replace `path` with `text` (UTF-8), with the umask's permissions.

    The folders from `below` (default: the target's own folder) down to the target are entered
    without following links, and a target that is a link or not a regular file is refused, not
    replaced. `durable` syncs the data to disk before the rename, for a file whose loss after a
    crash would cost the user (the learner's progress)."""
    below = path.parent if below is None else below
    folder = open_folder(below, path.parent.relative_to(below).parts)
    try:
        _refuse_to_replace(folder, path)
        temporary = f".{path.name}.{secrets.token_hex(6)}.tmp"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | os.O_CLOEXEC, 0o666, dir_fd=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                if durable:
                    file.flush()
                    os.fsync(file.fileno())
            os.replace(temporary, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(temporary, dir_fd=folder)
            except FileNotFoundError:
                pass
            raise
    finally:
        os.close(folder)


def refuse_to_replace(path: Path) -> None:
    """Raise `Refused` if `path` exists and is not a regular file: a check before work whose
    output would go there (`write_atomically` checks again when it writes)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    _refuse_mode(path, mode)


def _refuse_to_replace(folder: int, path: Path) -> None:
    try:
        mode = os.stat(path.name, dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return
    _refuse_mode(path, mode)


def _refuse_mode(path: Path, mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise link_refused(path)
    if not stat.S_ISREG(mode):
        raise special_refused(path, mode)
