"""Files the grader writes (reports, CSVs, progress) appear whole and readable by others, and
never through a link or over a special file someone left in the folder."""

import os
import socket
import stat
import threading
import time

import pytest

from grader import files
from grader.files import write_atomically


def test_a_written_report_is_readable_as_the_umask_allows(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "reports" / "softmax.html", "<p>hi</p>")
    finally:
        os.umask(old)
    written = tmp_path / "reports" / "softmax.html"
    assert written.read_text(encoding="utf-8") == "<p>hi</p>"
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "gradebook.csv"
    target.write_text("old", encoding="utf-8")

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError):
        write_atomically(target, "new", durable=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]


# -- hostile folders: links and special files where the grader writes or reads --------------


def _victim(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("the instructor's file\n", encoding="utf-8")
    return victim


def test_a_link_at_the_target_is_refused_not_replaced_or_followed(tmp_path):
    victim = _victim(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gradebook.csv").symlink_to(victim)
    with pytest.raises(files.Refused, match="gradebook.csv is a symbolic link"):
        write_atomically(tmp_path / "out" / "gradebook.csv", "learner,total\n")
    assert victim.read_text(encoding="utf-8") == "the instructor's file\n"
    assert (tmp_path / "out" / "gradebook.csv").is_symlink()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["gradebook.csv"]


@pytest.mark.parametrize("kind", ["fifo", "folder", "socket"])
def test_a_special_file_at_the_target_is_refused_and_kept(tmp_path, kind):
    target = tmp_path / "report.html"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
        listener.close()
    with pytest.raises(files.Refused, match="not a regular file"):
        write_atomically(target, "<p>report</p>")
    assert not target.is_file() and target.exists()


def test_a_link_in_a_folder_below_the_base_is_never_entered(tmp_path):
    """`.grader -> /somewhere`: the report must not land in the link's target."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / ".grader").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(files.Refused, match=r"\.grader is a symbolic link"):
        write_atomically(workspace / ".grader" / "reports" / "softmax.html", "<p>hi</p>",
                         below=workspace)
    assert list(elsewhere.iterdir()) == []


def test_folders_below_the_base_are_made_and_the_base_is_followed(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "chosen").symlink_to(real, target_is_directory=True)  # the user's own choice
    write_atomically(tmp_path / "chosen" / "a" / "b" / "page.html", "text",
                     below=tmp_path / "chosen")
    assert (real / "a" / "b" / "page.html").read_text(encoding="utf-8") == "text"


def test_reading_a_fifo_or_a_link_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(_victim(tmp_path))
    unblocked = _unblock_after(tmp_path / "pipe", seconds=20)
    with pytest.raises(files.Refused, match="FIFO"):
        files.open_regular(tmp_path / "pipe")
    with pytest.raises(files.Refused, match="symbolic link"):
        files.open_regular(tmp_path / "link")
    assert not unblocked.is_set(), "opening the FIFO waited for a writer"


def _unblock_after(fifo, seconds: float) -> threading.Event:
    """A watchdog: if something is still stuck opening `fifo` for reading after `seconds`, open
    its other end so that the test fails instead of hanging; the event says it had to."""
    fired = threading.Event()

    def watch() -> None:
        time.sleep(seconds)
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return  # no reader: nothing was stuck
        fired.set()

    threading.Thread(target=watch, daemon=True).start()
    return fired


def test_a_capped_read_never_holds_more_than_the_cap(tmp_path):
    big = tmp_path / "big.py"
    with big.open("wb") as file:
        file.truncate(64 * 1024 * 1024)  # sparse: 64 MiB that cost nothing to make
    fd = files.open_regular(big)
    try:
        data = files.read_capped(fd, 1000)
    finally:
        os.close(fd)
    assert len(data) == 1001


def test_a_file_written_in_place_must_have_no_other_hard_link(tmp_path):
    """results.jsonl is appended to and cut, the lock truncated: through a hard link planted
    in OUT that would change another file."""
    victim = _victim(tmp_path)
    os.link(victim, tmp_path / "results.jsonl")
    with pytest.raises(files.Refused, match="other hard links"):
        files.open_regular(tmp_path / "results.jsonl", os.O_WRONLY | os.O_APPEND)
    os.close(files.open_regular(tmp_path / "results.jsonl"))  # reading is harmless
    assert victim.read_text(encoding="utf-8") == "the instructor's file\n"
