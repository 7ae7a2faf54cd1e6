"""Files the grader writes (reports, CSVs, progress) appear whole and readable by others."""

import os
import stat

import pytest

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
