"""Fuzzing the channel: whatever bytes the learner process sends, the trusted side either reads a
value or refuses the message with WireError, quickly; and a reply of any shape becomes a value or
a learner's problem with a short message, never another exception.

Each property runs FUZZ_EXAMPLES examples (300 unless the environment says otherwise:
`FUZZ_EXAMPLES=20000 pytest tests/test_wire_fuzz.py` is a longer campaign). The deadline on
each example is the time bound: inputs here are small, so a slow one means a path whose cost
is out of proportion to its size.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from grader import feedback
from grader.boundary import wire
from grader.boundary.launch import Limits
from grader.boundary.proxy import Remote, Session

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=timedelta(seconds=2), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DTYPES = sorted(wire._NUMERIC_DTYPES) + ["|O", "<U4", "V8", "x"]
TAG_KEYS = ["$tuple", "$dict", "$f", "$complex", "$bytes", "$nd", "$ndobj", "$np", "$h", "shape",
            "b64", "items", "value", "type", "callable", "$pickle"]
# A reply's own keys, as the learner process's server writes them.
REPLY_KEYS = ["ok", "missing", "names", "unsendable", "raised", "n", "hello", "ready"]

scalars = (st.none() | st.booleans() | st.integers(-2**70, 2**70)
           | st.sampled_from([(2**61 - 1) * 3, 10**400, -1, -2, 2**64])
           | st.floats() | st.text(max_size=12)
           | st.sampled_from(["nan", "inf", "-inf", "<f8", "|b1", ""]))
b64_text = st.binary(max_size=48).map(lambda raw: base64.b64encode(raw).decode()) \
    | st.text(max_size=8)
shapes = st.lists(st.integers(-2, 6) | st.sampled_from([2**40, 0, 1.5]), max_size=4)


def _tagged(children):
    """Values in the tagged forms, right and wrong in every part."""
    return st.one_of(
        st.fixed_dictionaries({"$nd": st.sampled_from(DTYPES) | scalars,
                               "shape": shapes | children, "b64": b64_text | children}),
        st.fixed_dictionaries({"$ndobj": shapes | children,
                               "items": st.lists(children, max_size=6)}),
        st.fixed_dictionaries({"$np": st.sampled_from(DTYPES) | scalars, "value": children}),
        st.fixed_dictionaries({"$h": st.integers(-2, 6) | children,
                               "type": st.text(max_size=6) | children,
                               "callable": st.booleans() | children}),
        st.fixed_dictionaries({"$dict": st.lists(st.lists(children, max_size=3), max_size=5)
                               | children}),
        st.fixed_dictionaries({"$tuple": st.lists(children, max_size=5) | children}),
        st.fixed_dictionaries({"$complex": st.lists(children, max_size=3) | children}),
        st.fixed_dictionaries({"$f": st.sampled_from(["nan", "inf", "-inf", "1e400"]) | children}),
        st.fixed_dictionaries({"$bytes": b64_text | children}),
        st.dictionaries(st.sampled_from(TAG_KEYS) | st.text(max_size=6), children, max_size=4),
    )


json_values = st.recursive(scalars, lambda children: st.lists(children, max_size=6)
                           | _tagged(children), max_leaves=30)

# Values the learner's code may really return: what `encode` makes of them is a valid message.
python_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**80, 2**80) | st.floats() | st.text(max_size=12)
    | st.binary(max_size=12) | st.complex_numbers()
    | st.sampled_from([np.float64(0.5), np.int8(-3), np.bool_(True), np.complex64(1 - 2j),
                       np.zeros((2, 0)), np.arange(6.0).reshape(2, 3), np.array(7),
                       np.array([1, "a", None], dtype=object), np.float32("nan")]),
    lambda children: st.lists(children, max_size=5) | st.tuples(children, children)
    | st.dictionaries(st.integers(-5, 5) | st.text(max_size=4), children, max_size=4),
    max_leaves=25)


def _frame(value) -> bytes:
    return json.dumps({"ok": wire.encode(value), "n": 1}, allow_nan=False).encode()


def _outcome(read, data) -> None:
    """Read `data`; WireError is the one way to refuse it. The outcome is counted, so that
    `--hypothesis-show-statistics` shows how far into the decoder the examples reach."""
    try:
        read(data)
    except wire.WireError as error:
        event(f"refused: {re.sub(r'[0-9,]+', 'N', str(error))[:50]}")
    else:
        event("read")


def _read(payload: bytes, deadline: float | None = None):
    """What the trusted side does with a frame's payload: parse it, then decode the value."""
    message = wire.parse(payload)
    return wire.decode(message.get("ok"), deadline=deadline)


@FUZZ
@given(json_values)
def test_random_json_decodes_or_is_refused(data):
    _outcome(wire.decode, data)


@FUZZ
@given(python_values)
def test_every_value_the_learner_can_send_is_read_back(value):
    back = _read(_frame(value))
    assert json.dumps(wire.encode(back)) == json.dumps(wire.encode(value))


@FUZZ
@given(python_values, st.data())
def test_mutated_frames_decode_or_are_refused(value, data):
    payload = bytearray(_frame(value))
    for _ in range(data.draw(st.integers(1, 4))):
        if not payload:
            break
        at = data.draw(st.integers(0, len(payload) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "cut"]))
        if action == "flip":
            payload[at] = data.draw(st.sampled_from(b'[]{},:"0123456789-.eE$ \\nx\xff'))
        elif action == "delete":
            del payload[at]
        elif action == "insert":
            payload[at:at] = data.draw(st.sampled_from(
                [b"[", b"]", b"{", b'"$nd"', b',', b'"$h":-1', b"NaN", b"1e999", b"9" * 5000]))
        else:
            del payload[at:]
    _outcome(_read, bytes(payload))


def _replace_somewhere(tree, replacement, path):
    """`tree` with the node that `path` leads to (indexes taken modulo each size) replaced."""
    if not path or not isinstance(tree, (list, dict)) or not tree:
        return replacement
    if isinstance(tree, list):
        index = path[0] % len(tree)
        return [*tree[:index], _replace_somewhere(tree[index], replacement, path[1:]),
                *tree[index + 1:]]
    key = sorted(tree)[path[0] % len(tree)]
    return {**tree, key: _replace_somewhere(tree[key], replacement, path[1:])}


@FUZZ
@given(python_values, json_values, st.lists(st.integers(0, 50), max_size=8))
def test_valid_messages_with_one_part_replaced_decode_or_are_refused(value, part, path):
    tree = _replace_somewhere(wire.encode(value), part, path)
    _outcome(wire.decode, json.loads(json.dumps(tree)))


# --- the proxy's reply handling, end to end ----------------------------------------------------

class _Forger:
    """A learner process that answers every request with the reply it was given."""

    def __init__(self, reply):
        self.reply = reply

    def request(self, message, deadline):
        return self.reply

    def kill(self):
        pass


def _session(reply) -> Session:
    session = Session(b"", "softmax.py", Limits(), output_fd=2)
    session.process = _Forger(reply)
    session._alive = session._ready = True
    return session


replies = st.dictionaries(
    st.sampled_from(REPLY_KEYS) | st.text(max_size=4),
    json_values | st.lists(st.text(max_size=3000), max_size=4)
    | st.fixed_dictionaries({"type": json_values, "message": json_values,
                             "frames": st.lists(st.lists(json_values, max_size=4), max_size=30)
                             | json_values,
                             "line": json_values, "text": json_values, "base": json_values}),
    max_size=4)


@FUZZ
@given(replies, st.sampled_from([{"op": "get", "h": 0, "name": "softmax"},
                                 {"op": "call", "h": 0, "args": [], "kwargs": {"$dict": []}}]))
def test_any_reply_is_a_value_or_a_learner_problem_with_a_short_message(reply, request):
    session = _session(reply)
    try:
        value = session.request(request, "softmax([1, 2])")
    except feedback.LearnerProblem as problem:
        assert len(problem.message) < 10_000
        return
    assert value is None or isinstance(value, (bool, int, float, str, bytes, complex, list,
                                               tuple, dict, np.ndarray, np.generic, Remote))


# --- ... and through a real learner process and socket -----------------------------------------

FORGING_LEARNER = b'''
import json, os, stat, struct, sys


def forge(template, cut):
    """Answer this request with `template` (its "$N" replaced by the request's number), cut
    to `cut` bytes if that is shorter, and nothing else."""
    frame = sys._getframe(1)
    while not (isinstance(frame.f_locals.get("request"), dict)
               and "n" in frame.f_locals["request"]):
        frame = frame.f_back
    data = template.replace(b'"$N"', str(frame.f_locals["request"]["n"]).encode())
    data = struct.pack(">I", len(data)) + data[:cut]
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, data)
        except OSError:
            pass
    os._exit(0)
'''


@pytest.fixture(scope="module")
def forging_session():
    output = tempfile.TemporaryFile()
    session = Session(FORGING_LEARNER, "forging.py", Limits(test_seconds=20.0,
                                                            submission_seconds=3600.0),
                      output.fileno(), callables=frozenset({"forge"}))
    yield session
    session.close()
    output.close()


# Each example starts a learner process: fewer examples, and time for a loaded machine.
@settings(FUZZ, max_examples=min(FUZZ_EXAMPLES, 25), deadline=timedelta(seconds=30))
@given(st.one_of(replies, python_values.map(lambda value: {"ok": wire.encode(value)})),
       st.integers(0, 2**20))
def test_a_forged_reply_through_a_real_learner_process_is_a_value_or_a_learner_problem(
        forging_session, reply, cut):
    template = json.dumps({**reply, "n": "$N"}).encode()
    forging_session.start_test(20.0)
    try:
        forging_session.module().forge(template, cut)
    except feedback.LearnerProblem as problem:
        event(type(problem).__name__)
        assert len(problem.message) < 10_000
    else:
        event("read")
