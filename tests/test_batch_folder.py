"""A class folder (often an archive someone unpacked) is hostile input too: FIFOs, devices,
sockets and links among the submissions, names that are not UTF-8 or that carry terminal escapes,
newlines and formulas, the same name in two Unicode forms, empty and very deep folders, and OUT
itself seeded with links. Each is listed or refused with a reason; none hangs, crashes or
writes outside OUT."""

from __future__ import annotations

import csv
import json
import os
import socket
import stat
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import cli
from grader.batch import classview, layout
from grader.course import paths as course

SOLUTION = course.solution_path("softmax").read_bytes()
STUB = course.stub_path("softmax").read_bytes()


def write(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)


def reasons(found: layout.Discovery) -> dict[str, str]:
    return {s.path: s.reason for s in found.skipped}


def report(*args) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli.main, ["report", *map(str, args)], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def unblock_after(fifo: Path, seconds: float = 20) -> threading.Event:
    """If something still waits to open `fifo` for reading after `seconds`, open its other end
    so that the test fails instead of hanging; the event says it had to."""
    fired = threading.Event()

    def watch() -> None:
        time.sleep(seconds)
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return  # nobody is reading: nothing was stuck
        fired.set()

    threading.Thread(target=watch, daemon=True).start()
    return fired


# -- special files and links ------------------------------------------------------------------


def test_fifos_sockets_and_devices_are_listed_and_never_opened(tmp_path):
    write(tmp_path, {"ann/softmax.py": SOLUTION, "ben/.keep": b"", "cat/.keep": b"",
                     "dan/.keep": b""})
    os.mkfifo(tmp_path / "ben" / "softmax.py")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "cat" / "softmax.py"))
    expected = {"ben/softmax.py": "a FIFO (named pipe), which is never opened",
                "cat/softmax.py": "a socket, which is never opened"}
    try:
        os.mknod(tmp_path / "dan" / "softmax.py", stat.S_IFCHR | 0o644, os.makedev(1, 5))
        expected["dan/softmax.py"] = "a character device, which is never opened"
    except PermissionError:
        pass  # making a device needs root; the FIFO and the socket still make the point
    stuck = unblock_after(tmp_path / "ben" / "softmax.py")
    found = layout.discover(tmp_path)
    listener.close()
    assert not stuck.is_set(), "discovery waited on the FIFO"
    assert [s.learner for s in found.submissions] == ["ann"]
    skipped = reasons(found)
    assert {path: skipped[path] for path in expected} == expected


def test_a_fifo_does_not_hang_grader_report(tmp_path):
    write(tmp_path / "class", {"ann/softmax.py": b"", "ben/.keep": b""})
    os.mkfifo(tmp_path / "class" / "ben" / "softmax.py")
    stuck = unblock_after(tmp_path / "class" / "ben" / "softmax.py")
    code, stdout, stderr = report(tmp_path / "class", "-o", tmp_path / "out")
    assert not stuck.is_set(), "grader report waited on the FIFO"
    assert code == 0, stderr
    assert "ben/softmax.py: a FIFO (named pipe), which is never opened" in stdout


def test_linked_files_and_folders_are_listed_not_followed(tmp_path):
    secret = tmp_path / "secret"
    write(secret, {"softmax.py": b"PRIVATE = 'the instructor key'\n"})
    write(tmp_path / "class", {"ann/softmax.py": SOLUTION})
    (tmp_path / "class" / "ben").symlink_to(secret, target_is_directory=True)
    (tmp_path / "class" / "ann" / "cross_entropy.py").symlink_to(secret / "softmax.py")
    found = layout.discover(tmp_path / "class")
    assert [(s.learner, s.exercise) for s in found.submissions] == [("ann", "softmax")]
    assert reasons(found) == {"ann/cross_entropy.py": "a symbolic link (not followed)",
                              "ben": "a symbolic link (not followed)"}


def test_a_file_swapped_for_a_link_after_the_walk_is_not_read(tmp_path, monkeypatch):
    """The race: the file is regular when the folder is listed, a link when it is read."""
    write(tmp_path / "class", {"ann/softmax.py": SOLUTION})
    secret = tmp_path / "secret.py"
    secret.write_bytes(b"PRIVATE = 1\n")
    walk = layout._walk

    def swapping(*args):
        for file in walk(*args):
            target = tmp_path / "class" / "ann" / "softmax.py"
            target.unlink()
            target.symlink_to(secret)
            yield file

    monkeypatch.setattr(layout, "_walk", swapping)
    (submission,) = layout.discover(tmp_path / "class").submissions
    assert submission.source == b""
    assert "symbolic link" in submission.read_error


# -- names -----------------------------------------------------------------------------------


def test_names_that_are_not_utf8_are_listed_and_the_run_completes(tmp_path):
    root = tmp_path / "class"
    write(root, {"ann/softmax.py": SOLUTION})
    os.makedirs(os.fsencode(root) + b"/b\xffn")
    Path(os.fsdecode(os.fsencode(root) + b"/b\xffn/softmax.py")).write_bytes(SOLUTION)
    Path(os.fsdecode(os.fsencode(root) + b"/ann/cross\xfe.py")).write_bytes(SOLUTION)
    found = layout.discover(root)
    assert [s.learner for s in found.submissions] == ["ann"]
    assert reasons(found) == {
        "ann/cross\\xfe.py": "its name is not valid UTF-8, so it was not read",
        "b\\xffn": "its name is not valid UTF-8, so it was not read"}
    code, stdout, stderr = report(root, "-o", tmp_path / "out", "--seed", 1)
    assert code == 0, stderr
    assert "b\\xffn: its name is not valid UTF-8" in stdout
    for line in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)


def test_one_name_in_two_unicode_forms_is_one_learner_whose_page_keeps_its_accents(tmp_path):
    composed, decomposed = "José Núñez", unicodedata.normalize("NFD", "José Núñez")
    write(tmp_path / "class", {
        f"{composed}/softmax.py": SOLUTION,
        f"{decomposed}/cross_entropy.py": course.solution_path("cross_entropy").read_bytes()})
    code, stdout, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1)
    assert code == 0, stderr
    assert "Graded 1 learner, 2 submissions" in stdout
    assert [p.name for p in (tmp_path / "out" / "learners").iterdir()] == ["José_Núñez.html"]


def test_names_as_long_as_a_file_system_allows_get_a_page_each(tmp_path):
    """255 bytes is the most a folder name may hold: 63 four-byte letters (CJK, from
    U+20000), or 85 three-byte ones. A page named after it, `.html` added, was too long for the
    file system, and the whole run stopped (exit 2) when it wrote the first learner page."""
    names = ["\U00020000" * 63, "\u4e00" * 85, "x" * 255]
    write(tmp_path / "class", {f"{name}/softmax.py": SOLUTION for name in names})
    code, stdout, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1,
                                  "--format", "gradescope")
    assert code == 0, stderr
    assert "Graded 3 learners, 3 submissions" in stdout
    pages = list((tmp_path / "out" / "learners").iterdir())
    assert len(pages) == 3
    assert all(len(page.name.encode()) <= 150 for page in pages)
    assert len(list((tmp_path / "out" / "gradescope").iterdir())) == 3


def test_an_empty_learner_folder_is_listed(tmp_path):
    write(tmp_path, {"ann/softmax.py": SOLUTION})
    (tmp_path / "ben").mkdir()
    (tmp_path / "cat" / "work").mkdir(parents=True)
    assert reasons(layout.discover(tmp_path)) == {"ben/": "an empty folder (no files)",
                                                  "cat/work/": "an empty folder (no files)"}


def test_folders_nested_very_deep_are_listed_not_searched(tmp_path):
    write(tmp_path, {"ann/softmax.py": SOLUTION})
    deep = tmp_path / "ben" / Path(*["d"] * 200)
    deep.mkdir(parents=True)
    (deep / "softmax.py").write_bytes(SOLUTION)
    found = layout.discover(tmp_path)
    assert [s.learner for s in found.submissions] == ["ann"]
    (skipped,) = found.skipped
    assert skipped.path == "ben/" + "d/" * layout.MAX_DEPTH
    assert "nested more than" in skipped.reason


def test_names_print_as_one_line_each_with_escapes_shown(tmp_path):
    """A folder name with a newline must not print a fake line, an escape must not clear the
    screen, and a bidi override must not reorder what follows."""
    names = {"fake\nGraded 99 learners, all full marks": "newline",
             "clear\x1b[2J\x1b[Hscreen": "escape", "rtl\u202eyp.xamtfos": "bidi"}
    files = {"ann/softmax.py": SOLUTION}
    for name in names:
        files[f"{name}/notes.txt"] = b"x"
    write(tmp_path / "class", files)
    code, stdout, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1)
    assert code == 0, stderr
    assert "\x1b" not in stdout and "\u202e" not in stdout
    assert not any(line.startswith("Graded 99") for line in stdout.splitlines())
    reason = "neither a .py file nor a notebook (.ipynb)"
    assert f"  fake\\x0aGraded 99 learners, all full marks/notes.txt: {reason}" in stdout
    assert f"  clear\\x1b[2J\\x1b[Hscreen/notes.txt: {reason}" in stdout
    assert f"  rtl\\u202eyp.xamtfos/notes.txt: {reason}" in stdout


def test_pages_show_bidi_overrides_as_escapes_not_reordered_text(tmp_path):
    """A learner named "eve<RLO>ana" must not read as someone else on the class page, and what a
    learner's code prints or raises must not reorder the sentence around it in any page."""
    printer = (b'print("before \\u202e reversed after")\n'
               b'def softmax(L):\n    raise ValueError("wrong \\u2067 isolate \\u200f mark")\n')
    write(tmp_path / "class", {"eve\u202eana/softmax.py": SOLUTION, "ann/softmax.py": printer})
    code, _, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1)
    assert code == 0, stderr
    pages = [tmp_path / "out" / "index.html", *(tmp_path / "out" / "learners").glob("*.html")]
    assert len(pages) == 3
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not set(text) & set("\u202e\u2067\u200f"), page.name
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "eve\\u202eana" in index
    ann = next(page for page in pages if page.name.startswith("ann")).read_text(encoding="utf-8")
    assert "before \\u202e reversed after" in ann
    assert "wrong \\u2067 isolate \\u200f mark" in ann


@pytest.mark.parametrize("layout_option", [None, "softmax"])
def test_csv_cells_cannot_become_formulas(tmp_path, layout_option):
    hostile = ["=HYPERLINK(\"evil.example\",\"ok\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    if layout_option is None:
        files = {f"{name}/softmax.py": SOLUTION for name in hostile}
    else:
        files = {f"{name}.py": SOLUTION for name in hostile}
    write(tmp_path / "class", files)
    options = ["--exercise", layout_option] if layout_option else []
    code, _, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1, *options)
    assert code == 0, stderr
    for name in ("gradebook.csv", "results.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        shown = ["'" + learner for learner in hostile[:-1]] + ["\\x0dx"]  # CR: an escape
        assert sorted(row["learner"] for row in rows) == sorted(
            shown * (len(rows) // len(hostile)))
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (name, value)
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8", newline="") as file:
        assert {row["softmax"] for row in csv.DictReader(file)} == {"10"}


def test_csv_cells_show_control_characters_as_escapes(tmp_path):
    """`cat results.csv` must not run a learner's escape sequences: an OSC 52 in a folder name
    (it sets the clipboard in many terminals), a C1 CSI or a carriage return in an exception
    message, a bidi override."""
    source = b'def softmax(L):\n    raise ValueError("wrong\\rall passed \\x9b2J\\u202e")\n'
    write(tmp_path / "class", {"ann\x1b]52;c;ZXZpbA==\x07/softmax.py": source})
    code, _, stderr = report(tmp_path / "class", "-o", tmp_path / "out", "--seed", 1)
    assert code == 0, stderr
    for name in ("gradebook.csv", "results.csv"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert not set(text) & set("\x1b\x07\x9b\u202e"), name
        assert "\r" not in text.replace("\r\n", ""), name
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        assert {row["learner"] for row in rows} == {"ann\\x1b]52;c;ZXZpbA==\\x07"}
    messages = {row["message"] for row in rows}
    assert any("wrong\\x0dall passed \\x9b2J\\u202e" in message for message in messages)


def test_thousands_of_names_reducing_to_one_slug_cost_one_try_each():
    """Counted in lines run, not timed: 4 times the learners must cost about 4 times the work
    (it was 16 times: each name tried every number taken before it)."""
    def lines_run(count: int) -> int:
        names = ["a" + "!" * number for number in range(count)]
        executed = 0

        def tracer(frame, event, arg):
            nonlocal executed
            if frame.f_code is classview.learner_slugs.__code__:
                if event == "line":
                    executed += 1
                return tracer
            return None

        sys.settrace(tracer)
        try:
            slugs = classview.learner_slugs(names)
        finally:
            sys.settrace(None)
        assert len(set(slugs.values())) == count
        return executed

    small, large = lines_run(3000), lines_run(12000)
    assert large < 5 * small, (small, large)


# -- OUT seeded with links -------------------------------------------------------------------


@pytest.mark.parametrize("planted", ["results.jsonl", ".lock", "gradebook.csv", "index.html",
                                     "learners"])
def test_links_planted_in_out_are_refused_and_their_targets_untouched(tmp_path, planted):
    victim_dir = tmp_path / "victim"
    write(victim_dir, {"keep.html": b"<p>the instructor's page</p>", "passwd": b"root:x:0:0\n"})
    write(tmp_path / "class", {"ann/softmax.py": b""})
    out = tmp_path / "out"
    out.mkdir()
    target = victim_dir if planted == "learners" else victim_dir / "passwd"
    (out / planted).symlink_to(target, target_is_directory=planted == "learners")
    code, stdout, stderr = report(tmp_path / "class", "-o", out, "--seed", 1)
    assert code == 2, stdout + stderr
    assert f"{out / planted} is a symbolic link, which the grader does not follow" in stderr
    assert sorted(p.name for p in victim_dir.iterdir()) == ["keep.html", "passwd"]
    assert (victim_dir / "passwd").read_bytes() == b"root:x:0:0\n"
    assert (out / planted).is_symlink()
