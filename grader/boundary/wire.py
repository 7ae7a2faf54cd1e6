"""Framing and a data-only encoding for messages between the trusted side and the learner process.

Both sides import this module. Decoding builds only plain Python values and NumPy arrays of
numeric dtypes from their raw bytes: nothing is unpickled, evaluated or imported, whatever the
learner process sends. Objects that are not data travel as handles, which the trusted side can only
use to ask the learner process for more data.

Whatever the learner process sends is bounded before the trusted side uses it, and bounded while
it is read rather than after: a frame's size and its count of brackets and commas are checked
before it is parsed, and decoding spends from a budget of values (each item, key and scalar; an
array counts as several), checks each string's length, the depth, the shape of arrays and the
number of dict keys that share one hash (equal hashes make building a dict quadratic), and stops
at the caller's deadline. Every way a message can be wrong ends in WireError.
"""

from __future__ import annotations

import base64
import binascii
import cmath
import json
import math
import re
import socket
import struct
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from grader.i18n import N_

MAX_FRAME = 8 * 1024 * 1024
MAX_ARRAY_BYTES = MAX_FRAME * 3 // 4  # what base64 leaves of a frame
MAX_DEPTH = 64
MAX_VALUES = 100_000
MAX_TEXT = 10_000
MAX_SAME_HASH = 16
MAX_TYPE_NAME = 100
# Brackets, braces and commas in one frame, counted before it is parsed: a bound on the objects
# json.loads builds (a frame of 8 MiB of `[],` would be 2.8 million lists).
MAX_STRUCTURE = 4 * MAX_VALUES
# What one tagged array costs from the budget: building it costs about as much as that many
# plain values, so a reply of many tiny arrays is cut off as early as one of many numbers.
ARRAY_COST = 16
_DEADLINE_EVERY = 256
# A JSON escape of a UTF-16 surrogate (\ud800-\udfff). json.loads pairs those that form a
# character and keeps the others as lone surrogates, which no UTF-8 writer accepts: a frame
# with any is searched for them.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_HEADER = struct.Struct(">I")
_NUMERIC_DTYPES = frozenset(
    np.dtype(name).str
    for name in (
        "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
    )
)
# Each tag, the keys a value with it has, and what it is called in a message.
_TAGS = {
    "$tuple": (frozenset({"$tuple"}), "tuple"),
    "$dict": (frozenset({"$dict"}), "dict"),
    "$f": (frozenset({"$f"}), "float"),
    "$complex": (frozenset({"$complex"}), "complex number"),
    "$bytes": (frozenset({"$bytes"}), "bytes value"),
    "$nd": (frozenset({"$nd", "shape", "b64"}), "array"),
    "$ndobj": (frozenset({"$ndobj", "items"}), "array"),
    "$np": (frozenset({"$np", "value"}), "NumPy scalar"),
    "$h": (frozenset({"$h", "type", "callable"}), "object handle"),
}


# Why a value is not sent. The learner process, which loads no translations, sends the message
# and its values apart (`Refusal.wire`), and the trusted side says them in the learner's language.
TOO_MANY_PARTS = N_("the value has more than {limit} parts (numbers, strings, items of lists); "
                    "the grader accepts at most that many")
TOO_DEEP = N_("the value is nested too deeply to send")
CANNOT_SEND = N_("cannot send a {kind} object")
ARRAY_TOO_BIG = N_("an array of {size} MiB is over the {limit} MiB the grader accepts")
TEXT_TOO_LONG = N_("a string of {length} characters is longer than the {limit} the grader "
                   "accepts")
FRAME_TOO_BIG = N_("a message of {size} bytes is over the {limit} bytes the grader accepts")
REFUSALS = frozenset({TOO_MANY_PARTS, TOO_DEEP, CANNOT_SEND, ARRAY_TOO_BIG, TEXT_TOO_LONG,
                      FRAME_TOO_BIG})


class Refusal(ValueError):
    """A value or message this side will not send, and why: one of REFUSALS and its values."""

    def __init__(self, reason: str, **values: str) -> None:
        super().__init__(reason.format(**values))
        self.reason, self.values = reason, values

    def wire(self) -> dict:
        return {"reason": self.reason, "values": self.values}


def refusal_text(data: Any, translate: Callable[[str], str]) -> str:
    """The words of a refusal the learner process sent, in the reader's language. It may have
    forged them: only a message of REFUSALS is filled in, with short plain values; other text is
    shown as it is, cut short, and anything else not at all."""
    if isinstance(data, dict) and isinstance(data.get("reason"), str) \
            and data["reason"] in REFUSALS \
            and isinstance(data.get("values"), dict) and len(data["values"]) <= 4 \
            and all(type(key) is str and type(value) is str
                    for key, value in data["values"].items()):
        values = {key[:20]: value[:40] for key, value in data["values"].items()}
        try:
            return translate(data["reason"]).format(**values)
        except (KeyError, IndexError, ValueError):
            pass
    return data[:500] if isinstance(data, str) else ""


class WireError(Exception):
    """The peer sent something that is not a well-formed message, or sent nothing in time."""


class PeerClosed(WireError):
    """The peer closed the channel (in the learner's case: it exited or crashed)."""


class TooSlow(WireError):
    """Decoding a value ran past the caller's deadline."""


class Handle:
    """Placeholder for a learner-side object; the trusted side swaps in a proxy when decoding."""

    __slots__ = ("id", "type_name", "callable")

    def __init__(self, id: int, type_name: str, callable: bool) -> None:
        self.id = id
        self.type_name = type_name
        self.callable = callable


def encode(value: Any, make_handle: Callable[[Any], Handle] | None = None) -> Any:
    """Turn a value into JSON-ready data; objects that are not data become handles.

    The limits are the ones `decode` holds the other side to, so a value too big to be read is
    refused here, with a ValueError that says which limit it is over."""
    return _Writer(make_handle).value(value, 0)


class _Writer:
    def __init__(self, make_handle: Callable[[Any], Handle] | None) -> None:
        self.make_handle = make_handle
        self.left = MAX_VALUES

    def spend(self, cost: int = 1) -> None:
        self.left -= cost
        if self.left < 0:
            raise Refusal(TOO_MANY_PARTS, limit=f"{MAX_VALUES:,}")

    def value(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise Refusal(TOO_DEEP)
        self.spend()
        if value is None or type(value) is bool:
            return value
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, int) and not isinstance(value, np.generic):
            return int.__index__(value)
        if isinstance(value, float) and not isinstance(value, np.generic):
            return _encode_float(float.__float__(value))
        if isinstance(value, str):
            return _text(str.__str__(value))
        if isinstance(value, complex) and not isinstance(value, np.generic):
            return {"$complex": [_encode_float(value.real), _encode_float(value.imag)]}
        if isinstance(value, (bytes, bytearray)):
            _sized(len(value))
            return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
        if isinstance(value, np.ndarray):
            return self.array(value, depth)
        if isinstance(value, np.generic) and value.dtype.str in _NUMERIC_DTYPES:
            return {"$np": value.dtype.str, "value": self.value(value.item(), depth + 1)}
        if isinstance(value, tuple):
            return {"$tuple": [self.value(item, depth + 1) for item in tuple.__iter__(value)]}
        if isinstance(value, list):
            return [self.value(item, depth + 1) for item in list.__iter__(value)]
        if isinstance(value, dict):
            return {"$dict": [[self.value(k, depth + 1), self.value(v, depth + 1)]
                              for k, v in dict.items(value)]}
        if self.make_handle is None:
            raise Refusal(CANNOT_SEND, kind=type(value).__name__[:40])
        handle = self.make_handle(value)
        return {"$h": handle.id, "type": handle.type_name[:MAX_TYPE_NAME],
                "callable": handle.callable}

    def array(self, array: np.ndarray, depth: int) -> Any:
        array = np.asarray(array)
        if array.dtype.str in _NUMERIC_DTYPES:
            self.spend(ARRAY_COST)
            _sized(array.nbytes)
            data = np.ascontiguousarray(array).tobytes()
            return {"$nd": array.dtype.str, "shape": list(array.shape),
                    "b64": base64.b64encode(data).decode("ascii")}
        if array.size > MAX_VALUES:
            self.spend(array.size)
        items = [self.value(item, depth + 1) for item in array.ravel().tolist()]
        return {"$ndobj": list(array.shape), "items": items}


def _sized(size: int) -> None:
    """Refuse an array or bytes too big to send, before they are copied to be sent."""
    if size > MAX_ARRAY_BYTES:
        raise Refusal(ARRAY_TOO_BIG, size=f"{size / 2**20:.1f}",
                      limit=f"{MAX_ARRAY_BYTES // 2**20}")


def _text(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise Refusal(TEXT_TOO_LONG, length=f"{len(text):,}", limit=f"{MAX_TEXT:,}")
    return text


def _encode_float(number: float) -> Any:
    return number if math.isfinite(number) else {"$f": repr(number)}


def decode(data: Any, make_proxy: Callable[[Handle], Any] | None = None,
           deadline: float | None = None) -> Any:
    """Rebuild a value from JSON data, accepting only the forms `encode` produces, within the
    limits at the top of this module and, if given, before the monotonic `deadline`."""
    reader = _Reader(make_proxy, deadline)
    reader.check_clock()
    return reader.value(data, 0)


class _Reader:
    def __init__(self, make_proxy: Callable[[Handle], Any] | None,
                 deadline: float | None) -> None:
        self.make_proxy = make_proxy
        self.deadline = deadline
        self.left = MAX_VALUES
        self.next_check = MAX_VALUES - _DEADLINE_EVERY

    def spend(self, cost: int = 1) -> None:
        self.left -= cost
        if self.left < 0:
            raise WireError(f"it has more than {MAX_VALUES:,} parts (numbers, strings, items "
                            "of lists), and the grader reads at most that many")
        if self.left <= self.next_check:
            self.next_check = self.left - _DEADLINE_EVERY
            self.check_clock()

    def check_clock(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TooSlow("reading it took longer than the time limit")

    def value(self, data: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise WireError(f"it is nested more than {MAX_DEPTH} levels deep")
        self.spend()
        kind = type(data)
        if data is None or kind in (bool, int, float):
            return data
        if kind is str:
            return _text_read(data)
        if kind is list:
            return [self.value(item, depth + 1) for item in data]
        if kind is not dict:
            raise WireError("it holds something that is not a value")
        tags = [key for key in data if isinstance(key, str) and key.startswith("$")]
        if len(tags) != 1 or tags[0] not in _TAGS:
            raise WireError("it holds a value of an unknown kind (unknown value tag)")
        tag = tags[0]
        keys, called = _TAGS[tag]
        if data.keys() != keys:
            raise WireError(f"it holds a malformed {called}")
        return getattr(self, "_" + tag[1:])(data, depth)

    def _tuple(self, data: dict, depth: int) -> tuple:
        return tuple(self.value(item, depth + 1) for item in _list(data["$tuple"]))

    def _dict(self, data: dict, depth: int) -> dict:
        result: dict = {}
        hashes: dict[int, int] = {}
        for pair in _list(data["$dict"]):
            if type(pair) is not list or len(pair) != 2:
                raise WireError("it holds a malformed dict: each entry must be a key and a value")
            key = self.value(pair[0], depth + 1)
            item = self.value(pair[1], depth + 1)
            try:
                code = hash(key)
            except TypeError:
                raise WireError("it holds a dict with an unhashable key") from None
            hashes[code] = hashes.get(code, 0) + 1
            if hashes[code] > MAX_SAME_HASH:
                raise WireError(f"it holds a dict with more than {MAX_SAME_HASH} keys of equal "
                                "hash, which would make it slow to build")
            result[key] = item
        return result

    def _f(self, data: dict, depth: int) -> float:
        if data["$f"] not in ("nan", "inf", "-inf"):
            raise WireError("it holds a malformed float")
        return float(data["$f"])

    def _complex(self, data: dict, depth: int) -> complex:
        parts = _list(data["$complex"])
        if len(parts) != 2:
            raise WireError("it holds a malformed complex number: it needs two parts")
        return complex(_part(parts[0]), _part(parts[1]))

    def _bytes(self, data: dict, depth: int) -> bytes:
        return _base64(data["$bytes"])

    def _nd(self, data: dict, depth: int) -> np.ndarray:
        self.spend(ARRAY_COST)
        dtype = _dtype(data["$nd"], "an array")
        shape = _shape(data["shape"])
        raw = _base64(data["b64"])
        if len(raw) != math.prod(shape) * np.dtype(dtype).itemsize:
            raise WireError("it holds an array whose bytes do not match its shape and dtype")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()

    def _ndobj(self, data: dict, depth: int) -> np.ndarray:
        shape = _shape(data["$ndobj"])
        items = _list(data["items"])
        if len(items) != math.prod(shape):
            raise WireError("it holds an array whose items do not fill its shape")
        array = np.empty(len(items), dtype=object)
        for index, item in enumerate(items):
            array[index] = self.value(item, depth + 1)
        return array.reshape(shape)

    def _np(self, data: dict, depth: int) -> np.generic:
        dtype = np.dtype(_dtype(data["$np"], "a NumPy scalar"))
        value = self.value(data["value"], depth + 1)
        kind = dtype.kind
        if kind == "b" and type(value) is bool:
            return dtype.type(value)
        if kind in "iu" and type(value) is int:
            info = np.iinfo(dtype)
            if info.min <= value <= info.max:
                return dtype.type(value)
        if kind in "fc" and type(value) in (int, float, complex):
            number = value if type(value) is complex else _real(value)
            with np.errstate(over="ignore"):
                scalar = dtype.type(number)
            if np.isfinite(scalar) or not cmath.isfinite(number):
                return scalar
        raise WireError(f"it holds a NumPy {dtype.name} scalar whose value does not fit it")

    def _h(self, data: dict, depth: int) -> Any:
        number, type_name, is_callable = data["$h"], data["type"], data["callable"]
        if type(number) is not int or number < 0 or type(type_name) is not str \
                or type(is_callable) is not bool:
            raise WireError("it holds a malformed object handle")
        handle = Handle(number, type_name[:MAX_TYPE_NAME], is_callable)
        return handle if self.make_proxy is None else self.make_proxy(handle)


def _text_read(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise WireError(f"it holds a string of {len(text):,} characters, and the grader reads "
                        f"at most {MAX_TEXT:,}")
    return text


def _part(value: Any) -> float:
    """One part of a complex number: a number, or nan or an infinity in their tagged form."""
    if type(value) is dict and value.keys() == {"$f"} and value["$f"] in ("nan", "inf", "-inf"):
        return float(value["$f"])
    return _real(value)


def _list(value: Any) -> list:
    if type(value) is not list:
        raise WireError("it is malformed: a list was expected")
    return value


def _real(value: Any) -> float:
    if type(value) not in (int, float):
        raise WireError("it holds a malformed number")
    try:
        return float(value)
    except OverflowError:
        raise WireError("it holds a number too large for a float") from None


def _dtype(value: Any, what: str) -> str:
    if type(value) is not str or value not in _NUMERIC_DTYPES:
        raise WireError(f"it holds {what} of an unsupported dtype")
    return value


def _base64(value: Any) -> bytes:
    if type(value) is not str or len(value) > MAX_FRAME:
        raise WireError("it holds malformed bytes")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise WireError("it holds bytes that are not valid base64") from None


def _shape(value: Any) -> tuple[int, ...]:
    shape = tuple(_list(value))
    if len(shape) > 32 or any(type(n) is not int or not 0 <= n <= MAX_ARRAY_BYTES
                              for n in shape):
        raise WireError("it holds an array with a malformed shape")
    if math.prod(n for n in shape if n) > MAX_ARRAY_BYTES:
        raise WireError("it holds an array with more elements than the grader accepts")
    return shape


def send(sock: socket.socket, message: dict) -> None:
    payload = json.dumps(message, allow_nan=False, separators=(",", ":")).encode("utf-8")
    if len(payload) > MAX_FRAME:
        raise Refusal(FRAME_TOO_BIG, size=f"{len(payload):,}", limit=f"{MAX_FRAME:,}")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def receive(sock: socket.socket, deadline: float | None = None) -> dict:
    """Read one message; raise WireError on a bad frame and TimeoutError past the deadline."""
    (length,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size, deadline))
    if length > MAX_FRAME:
        raise WireError(f"message of {length} bytes is over the {MAX_FRAME} byte limit")
    return parse(_read_exactly(sock, length, deadline))


def parse(payload: bytes) -> dict:
    """One frame's payload as a JSON object, or WireError; its size is the caller's to check."""
    if payload.count(b"[") + payload.count(b"{") + payload.count(b",") > MAX_STRUCTURE:
        raise WireError(f"message has more than {MAX_STRUCTURE:,} brackets and commas")
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise WireError("message is not valid JSON") from error
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
    if _SURROGATE_ESCAPE.search(payload):
        _replace_lone_surrogates(message)
    return message


def _replace_lone_surrogates(message: dict) -> None:
    """Show each lone surrogate in `message` as its escape (`\\ud800`), in place.

    A string holding one (`chr(0xD800)` in an exception message, a returned value, a dict key)
    would pass every check here and then stop the trusted side where it writes the result as
    UTF-8. Iterative, since json.loads accepts nesting deeper than a recursion here could go."""
    stack: list = [message]
    while stack:
        container = stack.pop()
        if type(container) is dict:
            for key in list(container):
                value = container[key]
                if type(key) is str and not _utf8(key):
                    del container[key]
                    key = _escaped(key)
                container[key] = _escaped(value) if type(value) is str else value
                if type(value) in (dict, list):
                    stack.append(value)
        else:
            for index, value in enumerate(container):
                if type(value) is str:
                    container[index] = _escaped(value)
                elif type(value) in (dict, list):
                    stack.append(value)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(text: str) -> str:
    return text if _utf8(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_exactly(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
        else:
            sock.settimeout(None)
        try:
            chunk = sock.recv(min(size - len(chunks), 1 << 20))
        except TimeoutError:
            raise TimeoutError from None
        if not chunk:
            raise PeerClosed("the channel was closed")
        chunks += chunk
    return bytes(chunks)
