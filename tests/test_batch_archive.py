"""A class .zip is hostile input: bombs, lies in its headers, damaged members, names that are not
UTF-8 and paths that climb out of a learner's folder. Each costs its learner a graded error or
a listed skip with the reason, never the class's run, and never more memory than the caps."""

from __future__ import annotations

import io
import json
import os
import random
import stat
import subprocess
import sys
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path

import pytest
import zipcraft
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zipcraft import BZIP2, DEFLATED, LZMA, STORED, member

from grader import cli
from grader.batch import archive, layout
from grader.core import grading
from grader.course import paths as course

SOLUTION = course.solution_path("softmax").read_bytes()
STUB = course.stub_path("softmax").read_bytes()
MiB = 1024 * 1024


def discover(tmp_path: Path, members: list[zipcraft.Member], name: str = "class.zip"):
    path = tmp_path / name
    path.write_bytes(zipcraft.archive(members))
    return layout.discover(path)


def errors(found: layout.Discovery) -> dict[str, str | None]:
    return {s.learner: layout.vet(s) for s in found.submissions}


def reasons(found: layout.Discovery) -> dict[str, str]:
    return {s.path: s.reason for s in found.skipped}


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def bomb(learners: int = 80, size: int = 32 * MiB, declared: int | None = None) -> bytes:
    """80 members of 32 MiB of '#' each, bzip2'd once to 168 bytes and repeated: 13 KB."""
    one = member("x", b"#" * size, BZIP2)
    members = []
    for number in range(learners):
        copy = member(f"learner{number:03d}/softmax.py", b"", BZIP2)
        copy.payload, copy.crc, copy.size = one.payload, one.crc, declared or size
        members.append(copy)
    return zipcraft.archive(members)


# -- bombs: the caps hold whatever the headers say ------------------------------------------


@pytest.mark.parametrize("declared", [None, 1024], ids=["honest sizes", "lying sizes"])
def test_a_zip_bomb_costs_no_more_than_the_caps(tmp_path, declared):
    """2.5 GiB in a 13 KB archive cost 2.7 GB of memory before the caps; now each member is
    refused at 1 MiB (by its header, or by counting what comes out when the header lies)."""
    archive_path = tmp_path / "bomb.zip"
    archive_path.write_bytes(bomb(declared=declared))
    assert archive_path.stat().st_size < 16 * 1024
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "report", str(archive_path), "-o", str(tmp_path / "out"),
         "--seed", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = process.stdout.read().decode(), process.stderr.read().decode()
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == 0, stderr
    assert "Graded 80 learners, 80 submissions" in stdout
    peak = usage.ru_maxrss * 1024
    assert peak < layout.CLASS_BYTES + 200 * MiB, f"peak {peak / MiB:.0f} MiB"
    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    messages = {json.loads(line)["message"] for line in lines}
    assert messages == ({grading.too_large()} if declared is None else {archive.CORRUPT.format(
        detail="it holds more than the 1,024 bytes its header says")})


def test_a_member_is_inflated_in_bounded_steps(tmp_path):
    """A member whose header claims 1 KiB and which inflates to 32 MiB: no more than a little
    over the 1 MiB cap is ever held, whatever the compression."""
    for method in (DEFLATED, BZIP2, LZMA):
        lying = member("ann/softmax.py", b"#" * (32 * MiB), method)
        lying.size = 1024
        handle = io.BytesIO(zipcraft.archive([lying]))
        (entry,) = archive.entries(handle)
        tracemalloc.start()
        try:
            with pytest.raises(archive.MemberError, match="more than the 1,024 bytes"):
                archive.read_member(handle, entry, grading.MAX_SOURCE_BYTES)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 8 * MiB, (method, peak)


class _Counted:
    """A decompressor that counts the bytes it lets out."""

    total = 0

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def decompress(self, data, max_length=-1):
        out = self.inner.decompress(data, max_length)
        _Counted.total += len(out)
        return out


@pytest.mark.parametrize("method", [DEFLATED, BZIP2, LZMA])
def test_lying_headers_cost_the_work_they_declare_not_the_cap(tmp_path, monkeypatch, method):
    """300 members whose headers say 1 KiB over 32 MiB each: each was inflated to the 1 MiB
    cap before it was refused (15 ms of bzip2 apiece: 200,000 members, under a 32 MB archive,
    were an hour of work), and none of it counted against the class's budget."""
    monkeypatch.setattr(archive.bz2, "BZ2Decompressor",
                        lambda real=archive.bz2.BZ2Decompressor: _Counted(real()))
    monkeypatch.setattr(archive.zlib, "decompressobj",
                        lambda *args, real=archive.zlib.decompressobj: _Counted(real(*args)))
    monkeypatch.setattr(archive.lzma, "LZMADecompressor",
                        lambda *args, real=archive.lzma.LZMADecompressor, **kwargs:
                        _Counted(real(*args, **kwargs)))
    _Counted.total = 0
    one = member("x", b"#" * (32 * MiB), method)
    members = []
    for number in range(300):
        lying = member(f"learner{number:03d}/softmax.py", b"", method)
        lying.payload, lying.crc, lying.size = one.payload, one.crc, 1024
        members.append(lying)
    found = discover(tmp_path, members)
    assert len(found.submissions) == 300
    assert {layout.vet(s) for s in found.submissions} == {archive.CORRUPT.format(
        detail="it holds more than the 1,024 bytes its header says")}
    assert _Counted.total <= 300 * (1024 + 1)


def test_members_that_lie_at_the_cap_count_against_the_class_budget(tmp_path, monkeypatch):
    """A header may declare the cap and lie: then the cap's worth is inflated, and counted,
    whether or not the member turns out to be readable."""
    monkeypatch.setattr(layout, "CLASS_BYTES", 8 * MiB)
    one = member("x", b"#" * (2 * MiB), BZIP2)
    members = []
    for number in range(12):
        lying = member(f"learner{number:02d}/softmax.py", b"", BZIP2)
        lying.payload, lying.crc, lying.size = one.payload, one.crc, grading.MAX_SOURCE_BYTES
        members.append(lying)
    with pytest.raises(layout.InputError, match="add up to more than"):
        discover(tmp_path, members)


def test_the_files_of_a_class_together_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "CLASS_BYTES", 3 * len(SOLUTION))
    members = [member(f"learner{n}/softmax.py", SOLUTION) for n in range(5)]
    (tmp_path / "class.zip").write_bytes(zipcraft.archive(members))
    with pytest.raises(layout.InputError, match="add up to more than"):
        layout.discover(tmp_path / "class.zip")
    code, _, stderr = report(tmp_path / "class.zip", "-o", tmp_path / "out")
    assert code == 2 and "Grade the class in parts" in stderr


def test_an_archive_listing_too_many_files_is_refused_before_they_are_listed(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRIES", 10)
    members = [member(f"learner{n}/softmax.py", SOLUTION) for n in range(11)]
    with pytest.raises(layout.InputError, match="more files than the grader reads"):
        discover(tmp_path, members)


# -- damaged members: a graded error for that learner, the class goes on ---------------------


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def damaged_class() -> list[zipcraft.Member]:
    text = SOLUTION * 3
    members = [member("ok/softmax.py", SOLUTION)]
    for method, name in ((DEFLATED, "deflate"), (BZIP2, "bzip2"), (LZMA, "lzma")):
        bad = member(f"bad_{name}/softmax.py", text, method)
        bad.payload = flip(bad.payload, len(bad.payload) // 2)
        members.append(bad)
    members.append(member("bad_crc/softmax.py", SOLUTION, crc=0x12345678))
    cut = member("cut_short/softmax.py", text)
    cut.payload = cut.payload[:len(cut.payload) // 2]
    members.append(cut)
    members.append(member("longer_than_said/softmax.py", SOLUTION, size=len(SOLUTION) // 2))
    members.append(member("encrypted/softmax.py", SOLUTION, flags=0x1))
    for name, method in (("deflate64", 9), ("ppmd", 98)):  # methods nobody here reads
        unsupported = member(f"{name}/softmax.py", SOLUTION)
        unsupported.method = method
        members.append(unsupported)
    members.append(member("stored/softmax.py", SOLUTION, STORED))
    return members


def test_damaged_members_are_graded_errors_for_their_learners_only(tmp_path):
    found = discover(tmp_path, damaged_class())
    messages = errors(found)
    assert messages.pop("ok") is None and messages.pop("stored") is None
    assert found.submissions[[s.learner for s in found.submissions].index("ok")].source == \
        SOLUTION
    for learner in ("bad_deflate", "bad_bzip2", "bad_lzma", "bad_crc", "cut_short",
                    "longer_than_said"):
        assert messages.pop(learner).startswith(
            "Your file could not be read from the class archive: its data is damaged"), learner
    assert "protected by a password" in messages.pop("encrypted")
    assert "(Deflate64)" in messages.pop("deflate64")
    assert "(PPMd)" in messages.pop("ppmd")
    assert messages == {}


def test_a_class_with_damaged_members_is_graded_and_rerun_alike(tmp_path):
    (tmp_path / "class.zip").write_bytes(zipcraft.archive(damaged_class()))
    out = tmp_path / "out"
    code, stdout, stderr = report(tmp_path / "class.zip", "-o", out, "--seed", 3)
    assert code == 0, stderr
    assert "Graded 11 learners" in stdout
    assert "Traceback" not in stdout + stderr
    code, stdout, _ = report(tmp_path / "class.zip", "-o", out, "--seed", 3)
    assert code == 0 and "(0 graded now, 11 kept from an earlier run)" in stdout


def test_a_truncated_archive_is_a_usage_error_that_says_so(tmp_path):
    whole = zipcraft.archive([member("ann/softmax.py", SOLUTION)])
    (tmp_path / "cut.zip").write_bytes(whole[:len(whole) // 2])
    code, stdout, stderr = report(tmp_path / "cut.zip", "-o", tmp_path / "out")
    assert code == 2
    assert "cut.zip cannot be read as a zip file" in stderr
    assert "Traceback" not in stdout + stderr


# -- names and paths --------------------------------------------------------------------------


def test_names_that_are_not_utf8_are_skipped_with_a_reason(tmp_path):
    members = [member("ann/softmax.py", SOLUTION),
               member(b"b\xffn/softmax.py", SOLUTION, flags=0x800),  # flagged UTF-8, is not
               member(b"M\x81ller/softmax.py", SOLUTION),  # unflagged: code page 437
               member("Zoë/softmax.py".encode(), SOLUTION),  # unflagged, but UTF-8
               member(b"nul\x00/softmax.py", SOLUTION)]
    found = discover(tmp_path, members)
    assert [s.learner for s in found.submissions] == ["ann", "Müller", "Zoë"]
    assert reasons(found) == {
        "b\\xffn/softmax.py": "its name is not valid UTF-8, so it was not read",
        "nul\\x00/softmax.py": "its name contains a NUL byte, so it was not read"}


@pytest.mark.parametrize("path", ["cat/../dan/softmax.py", "../escape/softmax.py",
                                  "/etc/dan/softmax.py", "C:/dan/softmax.py", "c:softmax.py",
                                  "dan\\softmax.py", "cat/./../dan/softmax.py"])
def test_paths_that_climb_or_start_elsewhere_are_refused_as_written(tmp_path, path):
    members = [member("dan/softmax.py", STUB), member(path, SOLUTION)]
    found = discover(tmp_path, members)
    assert [(s.learner, s.source) for s in found.submissions] == [("dan", STUB)]
    (skipped,) = found.skipped
    assert skipped.path == path and "so it was not read" in skipped.reason


def test_links_special_files_and_empty_folders_in_an_archive_are_listed(tmp_path):
    members = [member("ann/softmax.py", SOLUTION),
               member("ben/softmax.py", b"/etc/shadow", mode=stat.S_IFLNK | 0o777),
               member("cat/softmax.py", b"", mode=stat.S_IFIFO | 0o644),
               member("dan/", b"", STORED, mode=stat.S_IFDIR | 0o755),
               member("eve/", b"", STORED), member("eve/work/", b"", STORED)]
    found = discover(tmp_path, members)
    assert [s.learner for s in found.submissions] == ["ann"]
    assert reasons(found) == {"ben/softmax.py": "a symbolic link (not followed)",
                              "cat/softmax.py": "a FIFO (named pipe), which is never opened",
                              "dan/": "an empty folder (no files)",
                              "eve/work/": "an empty folder (no files)"}


def test_one_name_in_two_unicode_forms_is_one_learner(tmp_path):
    composed, decomposed = "José", unicodedata.normalize("NFD", "José")
    assert composed != decomposed
    members = [member(f"{composed}/softmax.py", SOLUTION),
               member(f"{decomposed}/cross_entropy.py",
                      course.solution_path("cross_entropy").read_bytes())]
    members.append(member(f"{decomposed}/softmax.py", STUB))
    found = discover(tmp_path, members)
    assert {(s.learner, s.exercise, s.source) for s in found.submissions} == {
        ("José", "softmax", SOLUTION),
        ("José", "cross_entropy", course.solution_path("cross_entropy").read_bytes())}
    assert reasons(found) == {"José/softmax.py": "another file with this same name was graded "
                                                 "(the class holds it twice, or in two Unicode "
                                                 "forms)"}


# -- the parser against zipfile, and against random damage ---------------------------------


def test_zip64_and_ordinary_archives_list_as_zipfile_lists_them(tmp_path):
    for force in (False, True):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
            for number in range(5):
                with made.open(f"learner{number}/softmax.py", "w", force_zip64=force) as file:
                    file.write(SOLUTION[:number * 100 + 1])
            made.writestr("Ærø/ünïcode.py", b"x = 1\n")
        mine = archive.entries(buffer)
        with zipfile.ZipFile(buffer) as theirs:
            expected = [(i.filename, i.file_size, i.compress_size, i.CRC, i.header_offset)
                        for i in theirs.infolist()]
            contents = [theirs.read(i) for i in theirs.infolist()]
        assert [(e.name, e.size, e.compressed, e.crc, e.offset) for e in mine] == expected
        assert [archive.read_member(buffer, e, MiB) for e in mine] == contents


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_damage_is_an_input_error_or_a_listed_problem(tmp_path_factory, data):
    """Whatever the bytes, discovery gives submissions and skips or a usage error: nothing else
    escapes, and every damaged member is its learner's graded error."""
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    methods = [STORED, DEFLATED, BZIP2, LZMA]
    members = [member(f"learner{n}/softmax.py", SOLUTION[:rng.randrange(1, len(SOLUTION))],
                      methods[n % 4]) for n in range(4)]
    raw = bytearray(zipcraft.archive(members))
    for _ in range(data.draw(st.integers(1, 12))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del raw[data.draw(st.integers(0, len(raw) - 1)):]
    path = tmp_path_factory.mktemp("fuzz") / "class.zip"
    path.write_bytes(bytes(raw))
    try:
        found = layout.discover(path)
    except layout.InputError:
        return
    for submission in found.submissions:
        problem = layout.vet(submission)
        assert problem is None or isinstance(problem, str)
