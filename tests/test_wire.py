"""The channel between the trusted side and the learner process carries data and nothing else.

Values round-trip exactly; anything the learner process could send that is not a well-formed
message of ours is refused with WireError; and no code path of the trusted side can turn bytes
from the learner into code (no pickle, eval, exec or import).
"""

from __future__ import annotations

import base64
import json
import math
import re
import socket
import struct
import threading
import time

import numpy as np
import pytest
from conftest import TESTS_DIR

from grader.boundary import wire

PACKAGE = TESTS_DIR.parent / "grader"
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]


def round_trip(value, make_handle=None, make_proxy=None):
    """Encode, pass through real JSON text and a real socket, decode."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        wire.send(ours, {"ok": wire.encode(value, make_handle)})
        message = wire.receive(theirs, time.monotonic() + 5)
    return wire.decode(message["ok"], make_proxy)


def raw_frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def receive_raw(data: bytes, close: bool = True):
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.sendall(data)
        if close:
            ours.shutdown(socket.SHUT_WR)
        return wire.receive(theirs, time.monotonic() + 2)


@pytest.mark.parametrize("dtype", DTYPES)
def test_arrays_of_every_allowed_dtype_round_trip_exactly(dtype):
    rng = np.random.default_rng(7)
    if dtype == "bool":
        array = rng.random((3, 4)) > 0.5
    elif dtype.startswith(("int", "uint")):
        info = np.iinfo(dtype)
        array = np.array([[info.min, 0, 1], [info.max, 7, 2]], dtype=dtype)
    elif dtype.startswith("complex"):
        array = (rng.normal(size=(2, 3)) + 1j * rng.normal(size=(2, 3))).astype(dtype)
    else:
        array = rng.normal(size=(2, 3, 2)).astype(dtype)
    back = round_trip(array)
    assert isinstance(back, np.ndarray)
    assert back.dtype == array.dtype and back.shape == array.shape
    assert back.tobytes() == array.tobytes()
    assert back.flags.writeable


def test_arrays_keep_their_shape_when_empty_or_zero_dimensional_or_not_contiguous():
    for array in (np.zeros((0, 3)), np.array(2.5), np.arange(12.0).reshape(3, 4).T,
                  np.arange(10)[::3]):
        back = round_trip(array)
        assert back.shape == array.shape
        assert np.array_equal(back, array)


@pytest.mark.parametrize("dtype", DTYPES)
def test_numpy_scalars_keep_their_type(dtype):
    scalar = np.zeros(1, dtype=dtype)[0] + (1 if dtype != "bool" else True)
    back = round_trip(scalar)
    assert type(back) is type(scalar) and back == scalar


def test_plain_values_round_trip_with_their_types():
    value = {"tuple": (1, 2.5, "three"), "list": [1, [2, [3, (4,)]]], "bytes": b"\x00\xffdata",
             "complex": 1 - 2j, "none": None, "bools": [True, False], 7: "int key",
             (1, 2): "tuple key", "big": 2**80, "unicode": "é ∑ 😀"}
    back = round_trip(value)
    assert back == value
    assert type(back["tuple"]) is tuple and type(back["list"][1][1][1]) is tuple
    assert type(back["bytes"]) is bytes


def test_nan_and_infinities_survive_json():
    back = round_trip([math.nan, math.inf, -math.inf, np.float64("nan"), 1.5])
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf
    assert isinstance(back[3], np.float64) and math.isnan(back[3])
    array = round_trip(np.array([np.nan, np.inf, -np.inf]))
    assert np.isnan(array[0]) and np.isposinf(array[1]) and np.isneginf(array[2])


def test_subclasses_arrive_as_the_plain_type():
    class Sneaky(list):
        def __eq__(self, other):
            return True

    class SneakyFloat(float):
        pass

    class SneakyArray(np.ndarray):
        pass

    back = round_trip([Sneaky([1.0]), SneakyFloat(2.0), np.zeros(2).view(SneakyArray)])
    assert type(back[0]) is list and type(back[1]) is float
    assert type(back[2]) is np.ndarray


def test_objects_travel_only_as_handles():
    class Network:
        pass

    network = Network()
    handles = {}

    def make_handle(value):
        handles[len(handles)] = value
        return wire.Handle(len(handles) - 1, type(value).__name__, callable(value))

    back = round_trip({"net": network, "fn": len}, make_handle)
    assert isinstance(back["net"], wire.Handle) and back["net"].type_name == "Network"
    assert back["fn"].callable and not back["net"].callable
    assert handles[back["net"].id] is network
    assert round_trip(network, make_handle, make_proxy=lambda h: ("proxy", h.id)) == ("proxy", 2)
    with pytest.raises(wire.Refusal, match="cannot send a Network object"):
        wire.encode(network)  # without a way to make handles, objects cannot be sent at all


def test_object_arrays_travel_item_by_item():
    array = np.array([1, "two", None], dtype=object)
    back = round_trip(array)
    assert back.dtype == object and back.tolist() == [1, "two", None]


B64_16 = base64.b64encode(b"\0" * 16).decode()
B64_8 = base64.b64encode(b"\0" * 8).decode()


@pytest.mark.parametrize("data, reason", [
    ({"$nd": "|O", "shape": [1], "b64": B64_8}, "dtype"),
    ({"$nd": "<U4", "shape": [1], "b64": B64_16}, "dtype"),
    ({"$nd": "V8", "shape": [1], "b64": B64_8}, "dtype"),
    ({"$nd": 8, "shape": [2], "b64": B64_16}, "dtype"),
    ({"$nd": "<f8", "shape": [3], "b64": B64_16}, "do not match"),
    ({"$nd": "<f4", "shape": [3], "b64": B64_16}, "do not match"),
    ({"$nd": "<f8", "shape": [2**40, 2**40], "b64": ""}, "shape"),
    ({"$nd": "<f8", "shape": [0, 2**40], "b64": ""}, "shape"),
    ({"$nd": "<f8", "shape": [4096, 4096], "b64": ""}, "more elements"),
    ({"$nd": "<f8", "shape": [-1], "b64": ""}, "shape"),
    ({"$nd": "<f8", "shape": [2.0], "b64": B64_16}, "shape"),
    ({"$nd": "<f8", "shape": [True], "b64": B64_8}, "shape"),
    ({"$nd": "<f8", "shape": [1] * 33, "b64": B64_8}, "shape"),
    ({"$nd": "<f8", "shape": "3", "b64": ""}, "list was expected"),
    ({"$nd": "<f8", "b64": B64_16}, "malformed array"),
    ({"$nd": "<f8", "shape": [2]}, "malformed array"),
    ({"$nd": "<f8", "shape": [2], "b64": B64_16, "extra": 1}, "malformed array"),
    ({"$nd": "<f8", "shape": [1], "b64": "not base64!"}, "base64"),
    ({"$nd": "<f8", "shape": [1], "b64": [B64_8]}, "bytes"),
    ({"$np": "|O", "value": 1}, "dtype"),
    ({"$np": "|i1", "value": 300}, "does not fit"),
    ({"$np": "<f8", "value": [1.0, 2.0]}, "does not fit"),
    ({"$np": "<f4", "value": 1e300}, "does not fit"),
    ({"$np": "<f8", "value": 10**400}, "too large"),
    ({"$np": "|b1", "value": 1}, "does not fit"),
    ({"$np": "<f8", "value": "1.0"}, "does not fit"),
    ({"$f": "1e400"}, "float"),
    ({"$f": "__import__('os')"}, "float"),
    ({"$f": ["nan"]}, "float"),
    ({"$pickle": "gASVAAAAAAAAAAAu"}, "unknown kind"),
    ({"$tuple": [], "$dict": []}, "unknown kind"),
    ({"plain": "object"}, "unknown kind"),
    ({}, "unknown kind"),
    ({"$h": "1", "type": "Net", "callable": False}, "handle"),
    ({"$h": True, "type": "Net", "callable": False}, "handle"),
    ({"$h": -1, "type": "Net", "callable": False}, "handle"),
    ({"$h": 1, "type": ["Net"], "callable": False}, "handle"),
    ({"$h": 1, "type": "Net", "callable": "yes"}, "handle"),
    ({"$h": 1}, "malformed object"),
    ({"$dict": [[1, 2, 3]]}, "a key and a value"),
    ({"$dict": [[[1, 2], 3]]}, "unhashable"),
    ({"$dict": {"a": 1}}, "list was expected"),
    ({"$tuple": "abc"}, "list was expected"),
    ({"$ndobj": [2], "items": [1]}, "do not fill"),
    ({"$ndobj": [-2], "items": []}, "shape"),
    ({"$complex": ["1", 2]}, "number"),
    ({"$complex": [1.0, 2.0, 3.0]}, "two parts"),
    ({"$complex": [10**400, 0]}, "too large"),
    ({"$bytes": 12}, "bytes"),
    ("x" * (wire.MAX_TEXT + 1), f"at most {wire.MAX_TEXT:,}"),
    ({"$tuple": ["x" * (wire.MAX_TEXT + 1)]}, "characters"),
])
def test_malformed_values_are_refused(data, reason):
    with pytest.raises(wire.WireError) as caught:
        wire.decode(json.loads(json.dumps(data)))
    assert reason in str(caught.value)


def test_nan_in_a_shape_is_refused():
    """JSON's NaN literal parses to a float; a shape of floats is not a shape."""
    message = wire.parse(b'{"ok": {"$nd": "<f8", "shape": [NaN], "b64": ""}}')
    with pytest.raises(wire.WireError, match="shape"):
        wire.decode(message["ok"])


def test_deep_nesting_is_refused_both_ways():
    value = [0.5]
    for _ in range(wire.MAX_DEPTH + 5):
        value = [value]
    with pytest.raises(ValueError, match="nested too deeply"):
        wire.encode(value)
    with pytest.raises(wire.WireError, match="nested more than 64 levels"):
        wire.decode(value)
    value = 0.5
    for _ in range(wire.MAX_DEPTH):
        value = [value]
    assert round_trip(value) == value


@pytest.mark.parametrize("frame, reason", [
    (raw_frame(b"[" * 100_000 + b"]" * 100_000), "not valid JSON"),
    (raw_frame(b"\xff\xfe{}"), "not valid JSON"),
    (raw_frame(b"{'single': 'quotes'}"), "not valid JSON"),
    (raw_frame(b'{"nan": NaN}') + b"", None),
    (raw_frame(b"[1, 2]"), "not a JSON object"),
    (raw_frame(b'"text"'), "not a JSON object"),
    (raw_frame(b'{"ok": ' + b"9" * 5000 + b"}"), "not valid JSON"),
    (struct.pack(">I", wire.MAX_FRAME + 1) + b"{", "over the"),
    (struct.pack(">I", 100) + b'{"ok": 1}', "closed"),
    (b"\x00\x00", "closed"),
])
def test_malformed_frames_are_refused(frame, reason):
    if reason is None:
        # JSON's NaN literal is not ours but harmless: it decodes to a float, not to code.
        assert math.isnan(receive_raw(frame)["nan"])
        return
    with pytest.raises(wire.WireError, match=reason):
        receive_raw(frame)


def test_a_silent_peer_times_out_rather_than_hanging():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.sendall(struct.pack(">I", 50) + b'{"partial":')
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            wire.receive(theirs, time.monotonic() + 0.3)
        assert time.monotonic() - started < 10


def test_oversized_messages_are_refused_before_sending():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        with pytest.raises(ValueError, match="over the"):
            wire.send(ours, {"ok": "x" * (wire.MAX_FRAME + 1)})
    with pytest.raises(ValueError, match="MiB"):
        wire.encode(np.zeros(wire.MAX_FRAME // 8))


def test_frames_arrive_whole_across_many_small_writes():
    ours, theirs = socket.socketpair()
    payload = json.dumps({"ok": wire.encode(np.arange(50_000.0))}).encode()
    frame = raw_frame(payload)

    def trickle():
        for start in range(0, len(frame), 7919):
            ours.sendall(frame[start:start + 7919])

    sender = threading.Thread(target=trickle)
    sender.start()
    message = wire.receive(theirs, time.monotonic() + 30)
    sender.join()
    ours.close()
    theirs.close()
    assert np.array_equal(wire.decode(message["ok"]), np.arange(50_000.0))


def test_nothing_from_the_learner_is_ever_unpickled_evaluated_or_executed():
    """Only learner.py (inside the learner process) may exec: it runs the learner's module.
    notebook.py runs in the learner's own Jupyter kernel, which already ran the inputs it
    compiles to see which of them ran; nothing of it runs in the grader's processes.
    course/mutants.py compiles mutants of the course's own solutions (trusted code, never a
    learner's), to keep only those that compile."""
    forbidden = re.compile(r"\bimport\s+(pickle|cPickle|marshal|shelve|dill)\b"
                           r"|\bfrom\s+(pickle|marshal|shelve|dill)\s+import"
                           r"|\b(pickle|marshal|shelve|dill)\.\w"
                           r"|(?<![\w.])(eval|exec|execfile|compile)\s*\("
                           r"|\bliteral_eval\b")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ("boundary/learner.py", "notebook.py", "course/mutants.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if forbidden.search(code):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


# --- caps: everything is bounded while it is read ----------------------------------------------

def test_the_number_of_values_is_capped_while_decoding():
    assert len(wire.decode([0] * (wire.MAX_VALUES - 1))) == wire.MAX_VALUES - 1
    # The cap stops the reading: the malformed value after it is never reached.
    with pytest.raises(wire.WireError, match=f"more than {wire.MAX_VALUES:,} parts"):
        wire.decode([0] * wire.MAX_VALUES + [{"$pickle": ""}])
    with pytest.raises(ValueError, match=f"more than {wire.MAX_VALUES:,} parts"):
        wire.encode([0.5] * wire.MAX_VALUES)


def test_many_tiny_arrays_cost_more_than_many_numbers():
    tiny = wire.encode(np.zeros(1))
    allowed = wire.MAX_VALUES // (wire.ARRAY_COST + 1) - 1
    assert len(wire.decode([tiny] * allowed)) == allowed
    with pytest.raises(wire.WireError, match="parts"):
        wire.decode([tiny] * (allowed + 2))
    with pytest.raises(ValueError, match="parts"):
        wire.encode([np.zeros(1)] * (allowed + 2))


def test_a_dict_of_keys_with_equal_hashes_is_refused_at_the_first_key_too_many():
    colliding = [(2**61 - 1) * k for k in range(wire.MAX_SAME_HASH + 1)]
    assert len({hash(key) for key in colliding}) == 1
    accepted = wire.decode(wire.encode({key: 0 for key in colliding[:-1]}))
    assert len(accepted) == wire.MAX_SAME_HASH
    pairs = [[key, 0] for key in colliding] + [[1, 2, 3]]
    with pytest.raises(wire.WireError, match="equal hash"):
        wire.decode({"$dict": pairs})


def test_keys_that_share_a_hash_by_nature_are_accepted():
    """-1 and -2 hash alike in CPython, and 1, 1.0 and True are one key."""
    pairs = [[-1, "a"], [-2, "b"], [1, "c"], [1.0, "d"], [True, "e"]]
    assert wire.decode({"$dict": pairs}) == {-1: "a", -2: "b", 1: "e"}


def test_strings_are_capped_both_ways():
    assert round_trip("x" * wire.MAX_TEXT) == "x" * wire.MAX_TEXT
    with pytest.raises(ValueError, match="characters"):
        wire.encode(["x" * (wire.MAX_TEXT + 1)])
    with pytest.raises(wire.WireError, match="characters"):
        wire.decode({"$dict": [["x" * (wire.MAX_TEXT + 1), 1]]})


def test_handle_type_names_are_cut():
    handle = wire.decode({"$h": 3, "type": "N" * 10_000, "callable": True})
    assert handle.type_name == "N" * wire.MAX_TYPE_NAME and handle.id == 3


def test_decoding_stops_at_the_deadline(monkeypatch):
    """The clock is read while decoding, not only before: a reply that is slow to decode
    stops at the deadline, wherever in the value it is."""
    ticks = iter(range(10**6))
    monkeypatch.setattr(wire.time, "monotonic", lambda: next(ticks))
    with pytest.raises(wire.TooSlow):
        wire.decode([0.5] * 50_000, deadline=5)
    assert next(ticks) < 10, "it should stop after a few checks of the clock"
    with pytest.raises(wire.TooSlow):
        wire.decode(1.0, deadline=-1)


def test_a_frame_is_counted_before_it_is_parsed():
    payload = b'{"ok": [' + b"[]," * (wire.MAX_STRUCTURE // 2) + b"[]]}"
    with pytest.raises(wire.WireError, match="brackets and commas"):
        wire.parse(payload)
    assert wire.parse(b'{"ok": [' + b"[]," * 1000 + b"[]]}")["ok"] == [[]] * 1001


def test_lone_surrogates_arrive_as_escapes_that_utf8_can_write():
    payload = (b'{"raised": {"type": "E\\ud800", "message": "a\\udfffb", "frames": '
               b'[[1, "\\uDBFF", "x"]]}, "ok": {"$dict": [["\\ud800", "\\ud83d\\ude00"]]}, '
               b'"deep": ' + b"[" * 500 + b'"\\udc00"' + b"]" * 500 + b'}')
    message = wire.parse(payload)
    text = json.dumps(message, ensure_ascii=False)
    text.encode("utf-8")  # a lone surrogate anywhere would make this raise
    assert message["raised"]["type"] == "E\\ud800"
    assert message["raised"]["frames"][0][1] == "\\udbff"
    assert wire.decode(message["ok"]) == {"\\ud800": "\U0001F600"}  # a pair stays one character
