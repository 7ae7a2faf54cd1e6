"""Floods and slow replies from the learner process, graded end to end: every one is a failed
test with a message, the trusted side reads each within its caps, and the result stays under
1 MB whatever the learner does.

The attacks forge replies the way a learner's code can: it finds the number of the request it is
answering on its own call stack and writes a frame of its choosing into the channel, then exits,
so the forged frame is the only answer.
"""

from __future__ import annotations

import json

import pytest
from conftest import grade

from grader.core import worker
from grader.render import html as render_html
from grader.results import Details, Result, Status, TestResult, Visibility

ONE_MB = 1_000_000

FORGER = '''
import json, os, stat, struct, sys


def _forge(reply, keep_serving=False):
    frame = sys._getframe(1)
    while not (isinstance(frame.f_locals.get("request"), dict)
               and "n" in frame.f_locals["request"]):
        frame = frame.f_back
    data = json.dumps({**reply, "n": frame.f_locals["request"]["n"]}).encode()
    data = struct.pack(">I", len(data)) + data
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
        except OSError:
            pass
    if keep_serving:  # answer the next requests, so the forged reply stays the only one
        frame.f_locals["self"].serve()
    os._exit(0)
'''


def _attack(tmp_path, body: str, name: str = "softmax.py"):
    path = tmp_path / name
    path.write_text(FORGER + body)
    result = grade(path)
    assert result.status in (Status.FAILED, Status.ERROR), "an attack never passes"
    assert result.score == 0
    size = len(result.to_json(indent=2).encode())
    assert size < ONE_MB, f"the result is {size:,} bytes"
    for test in result.tests:
        assert test.status is not Status.PASSED
        assert test.message, f"{test.name} failed without a message"
    return result


def _messages(result: Result) -> str:
    return "\n".join(test.message or "" for test in result.tests)


def test_a_7_mb_name_in_a_missing_name_reply_is_not_repeated(tmp_path):
    result = _attack(tmp_path, '''
def __getattr__(name):
    _forge({"missing": "x" * 7_000_000, "names": ["y" * 2_000] * 500})
''')
    assert "does not define `softmax`" in _messages(result)
    assert "xxxxxxxxxx" not in result.to_json()
    page = render_html.render(result)
    assert len(page.encode()) < 2 * ONE_MB, "the HTML report is bounded too"


@pytest.mark.parametrize("reply, expect", [
    ('{"raised": {"type": "T" * 1_000_000, "message": "m" * 3_000_000,'
     ' "frames": [[1, "f" * 50_000, "g" * 50_000]] * 30}}', "raised TTTT"),
    ('{"raised": {"type": ["nested"] * 1000, "message": {"$dict": []}, "frames": "x" * 10**6}}',
     "raised Exception"),
    ('{"unsendable": "u" * 7_000_000}', "cannot receive: uuuu"),
    ('{"unsendable": [[["deep"]]] * 50_000}', "cannot receive: ."),
    # A refusal names one of the grader's messages: any other is shown as text, not filled in.
    ('{"unsendable": {"reason": "{values.__class__.__mro__}", "values": {}}}',
     "cannot receive: ."),
    ('{"unsendable": {"reason": "a string of {length} characters is longer than the {limit} '
     'the grader accepts", "values": {"length": "9" * 5_000_000, "limit": "0"}}}',
     "cannot receive: a string of 9999999999999999999999999999999999999999 characters"),
    ('{"unsendable": {"reason": "cannot send a {kind} object", "values": {"kind": [1] * 9}}}',
     "cannot receive: ."),
    ('{"unsendable": {"reason": ["unhashable"], "values": {}}}', "cannot receive: ."),
])
def test_huge_messages_in_a_forged_reply_are_cut(tmp_path, reply, expect):
    result = _attack(tmp_path, f'''
def softmax(L):
    _forge({reply})
''')
    assert expect in _messages(result)
    longest = max(len(test.message) for test in result.tests)
    assert longest < 10_000, f"a message of {longest:,} characters"


SLOW = {
    # 100,000 keys that all hash to 0: building the dict would be quadratic.
    "equal_hashes": ('{"ok": {"$dict": [[k * (2**61 - 1), 0] for k in range(100_000)]}}',
                     "keys of equal hash"),
    # ... and 250,000 of them: too many brackets and commas to be parsed at all.
    "equal_hashes_frame": ('{"ok": {"$dict": [[k * (2**61 - 1), 0] for k in range(250_000)]}}',
                           "brackets and commas"),
    "tiny_arrays": ('{"ok": [{"$nd": "<f8", "shape": [1], "b64": "AAAAAAAA8D8="}] * 70_000}',
                    "100,000 parts"),
    "deep_nesting": ('{"ok": json.loads("[" * 60 + "{\\"$tuple\\": [" * 40 + "1" + "]}" * 40'
                     ' + "]" * 60)}', "nested more than 64 levels"),
    "huge_base64": ('{"ok": {"$nd": "<f8", "shape": [10], "b64": "A" * 8_000_000}}',
                    "do not match"),
    "huge_string": ('{"ok": ["s" * 7_000_000]}', "string of 7,000,000 characters"),
    "missing_shape": ('{"ok": {"$nd": "<f8", "b64": ""}}', "malformed array"),
    "unknown_tag": ('{"ok": {"$pickle": "gASVAAAAAAAAAAAu"}}', "unknown kind"),
    "negative_size": ('{"ok": {"$nd": "<f8", "shape": [-3], "b64": ""}}', "shape"),
}


@pytest.mark.parametrize("name", list(SLOW))
def test_replies_built_to_be_slow_or_malformed_are_refused_with_a_message(tmp_path, name):
    reply, expect = SLOW[name]
    result = _attack(tmp_path, f'''
def softmax(L):
    _forge({reply})
''')
    assert expect in _messages(result), _messages(result)


def test_a_handle_that_does_not_exist_is_the_learners_failure(tmp_path):
    result = _attack(tmp_path, '''
def NeuralNetwork(*args):
    _forge({"ok": {"$h": 999, "type": "NeuralNetwork", "callable": False}}, keep_serving=True)
''', name="neural_network.py")
    assert "raised KeyError: 999" in _messages(result)


# --- the result's last line of defence: worker.bounded ------------------------------------------

def _test(number: int, message: str, visible: bool = True) -> TestResult:
    return TestResult(
        id=f"test_{number}", name=f"test number {number}", status=Status.FAILED, score=0.0,
        max_score=1.0, visibility=Visibility.VISIBLE if visible else Visibility.HIDDEN,
        message=message, hint="Compute it.", hint_number=1,
        details=Details("x" * 50_000, "e" * 50_000, "a" * 50_000, "d" * 50_000)
        if visible else None)


def _result(tests, output="") -> Result:
    return Result(exercise="softmax", title="Softmax", submission="softmax.py",
                  status=Status.FAILED, score=3.0, max_score=float(len(tests) + 3),
                  message="m" * 100_000, output=output, tests=tuple(tests), seed=1)


def _size(result: Result) -> int:
    return len(result.to_json(indent=2).encode())


def test_ten_thousand_failing_tests_of_text_fit_in_under_a_megabyte():
    flood = _result([_test(n, "\x01" * 20_000, visible=n % 2 == 0) for n in range(10_000)],
                    output="\x02" * 200_000)
    assert _size(flood) > 500 * ONE_MB
    kept = worker.bounded(flood)
    assert _size(kept) < ONE_MB
    assert kept.score == 3.0 and kept.max_score == 10_003.0
    assert sum(test.max_score for test in kept.tests) == 10_000
    last = kept.tests[-1]
    assert last.name.endswith("more tests") and last.status is Status.FAILED
    assert "no room for" in last.message
    assert len(kept.tests) > 100, "as many tests as fit are kept"
    assert "[cut: the report keeps the first" in kept.tests[0].message
    assert "[cut: the report keeps the first" in kept.output
    json.loads(kept.to_json())


def test_one_huge_message_is_cut_where_it_is_and_nothing_else_changes():
    tests = [_test(n, f"message {n}") for n in range(5)]
    tests[2] = _test(2, "m" * 3_000_000)
    kept = worker.bounded(_result(tests, output="printed"))
    assert _size(kept) < ONE_MB
    assert [test.message for test in kept.tests[:2]] == ["message 0", "message 1"]
    assert kept.tests[2].message.startswith("m" * worker.MAX_MESSAGE + "\n[cut: ")
    assert kept.output == "printed"
    assert len(kept.tests) == 5
    assert kept.tests[0].details.input.startswith("x" * worker.MAX_DETAIL)


def test_a_result_that_fits_is_left_alone():
    test = TestResult(id="test_a", name="a", status=Status.FAILED, score=0.0, max_score=1.0,
                      visibility=Visibility.VISIBLE, message="wrong",
                      details=Details("softmax([1])", "[1.0]", "[0.5]", None))
    result = Result(exercise="softmax", title="Softmax", submission="softmax.py",
                    status=Status.FAILED, score=0.0, max_score=1.0, tests=(test,),
                    output="hello")
    assert worker.bounded(result) == result
