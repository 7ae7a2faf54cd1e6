"""Framing and a data-only encoding for messages between the trusted side and the learner process.

Both sides import this module. Decoding builds only plain Python values and NumPy arrays of
numeric dtypes from their raw bytes: nothing is unpickled, evaluated or imported, whatever the
learner process sends. Objects that are not data travel as handles, which the trusted side can only
use to ask the learner process for more data.
"""

from __future__ import annotations

import base64
import json
import math
import socket
import struct
import time
from collections.abc import Callable
from typing import Any

import numpy as np

MAX_FRAME = 8 * 1024 * 1024
MAX_DEPTH = 64
_HEADER = struct.Struct(">I")
_NUMERIC_DTYPES = frozenset(
    np.dtype(name).str
    for name in (
        "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
    )
)


class WireError(Exception):
    """The peer sent something that is not a well-formed message, or sent nothing in time."""


class PeerClosed(WireError):
    """The peer closed the channel (in the learner's case: it exited or crashed)."""


class Handle:
    """Placeholder for a learner-side object; the trusted side swaps in a proxy when decoding."""

    __slots__ = ("id", "type_name", "callable")

    def __init__(self, id: int, type_name: str, callable: bool) -> None:
        self.id = id
        self.type_name = type_name
        self.callable = callable


def encode(value: Any, make_handle: Callable[[Any], Handle] | None = None, depth: int = 0) -> Any:
    """Turn a value into JSON-ready data; objects that are not data become handles."""
    if depth > MAX_DEPTH:
        raise ValueError("the value is nested too deeply to send")
    if value is None or type(value) in (bool, str):
        return value
    if isinstance(value, Handle):
        return {"$h": value.id, "type": value.type_name, "callable": value.callable}
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and not isinstance(value, np.generic):
        return int.__index__(value)
    if isinstance(value, float) and not isinstance(value, np.generic):
        return _encode_float(float.__float__(value))
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, complex) and not isinstance(value, np.generic):
        return {"$complex": [_encode_float(value.real), _encode_float(value.imag)]}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, np.ndarray):
        return _encode_array(value, make_handle, depth)
    if isinstance(value, np.generic) and value.dtype.str in _NUMERIC_DTYPES:
        return {"$np": value.dtype.str, "value": encode(value.item(), make_handle, depth + 1)}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item, make_handle, depth + 1) for item in tuple.__iter__(value)]}
    if isinstance(value, list):
        return [encode(item, make_handle, depth + 1) for item in list.__iter__(value)]
    if isinstance(value, dict):
        pairs = dict.items(value)
        return {"$dict": [[encode(k, make_handle, depth + 1), encode(v, make_handle, depth + 1)]
                          for k, v in pairs]}
    if make_handle is None:
        raise TypeError(f"cannot send a {type(value).__name__} object")
    return encode(make_handle(value), None, depth)


def _encode_float(number: float) -> Any:
    return number if math.isfinite(number) else {"$f": repr(number)}


def _encode_array(array: np.ndarray, make_handle, depth: int) -> Any:
    array = np.asarray(array)
    if array.nbytes * 4 // 3 > MAX_FRAME:
        raise ValueError(f"an array of {array.nbytes // 2**20} MiB is over the "
                         f"{MAX_FRAME * 3 // 4 // 2**20} MiB the grader accepts")
    if array.dtype.str in _NUMERIC_DTYPES:
        data = np.ascontiguousarray(array).tobytes()
        return {"$nd": array.dtype.str, "shape": list(array.shape),
                "b64": base64.b64encode(data).decode("ascii")}
    items = [encode(item, make_handle, depth + 1) for item in array.ravel().tolist()]
    return {"$ndobj": list(array.shape), "items": items}


def decode(data: Any, make_proxy: Callable[[Handle], Any] | None = None, depth: int = 0) -> Any:
    """Rebuild a value from JSON data, accepting only the forms `encode` produces."""
    if depth > MAX_DEPTH + 2:
        raise WireError("message nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(item, make_proxy, depth + 1) for item in data]
    if not isinstance(data, dict) or len(data) == 0:
        raise WireError("malformed value")
    if "$tuple" in data:
        return tuple(decode(item, make_proxy, depth + 1) for item in _list(data["$tuple"]))
    if "$dict" in data:
        pairs = [_list(pair) for pair in _list(data["$dict"])]
        if any(len(pair) != 2 for pair in pairs):
            raise WireError("malformed dict")
        return {_hashable(decode(k, make_proxy, depth + 1)): decode(v, make_proxy, depth + 1)
                for k, v in pairs}
    if "$f" in data:
        if data["$f"] not in ("nan", "inf", "-inf"):
            raise WireError("malformed float")
        return float(data["$f"])
    if "$complex" in data:
        real, imag = (decode(part, None, depth + 1) for part in _list(data["$complex"]))
        return complex(_number(real), _number(imag))
    if "$bytes" in data:
        return base64.b64decode(_str(data["$bytes"]), validate=True)
    if "$nd" in data:
        return _decode_array(data)
    if "$ndobj" in data:
        shape = _shape(data["$ndobj"])
        items = [decode(item, make_proxy, depth + 1) for item in _list(data["items"])]
        array = np.empty(len(items), dtype=object)
        array[:] = items if items else array[:0]
        if array.size != math.prod(shape):
            raise WireError("array items do not fill its shape")
        return array.reshape(shape)
    if "$np" in data:
        dtype = _str(data["$np"])
        if dtype not in _NUMERIC_DTYPES:
            raise WireError("unsupported NumPy scalar type")
        return np.dtype(dtype).type(decode(data["value"], None, depth + 1))
    if "$h" in data:
        handle = Handle(_int(data["$h"]), _str(data.get("type", "object"))[:200],
                        bool(data.get("callable")))
        if make_proxy is None:
            return handle
        return make_proxy(handle)
    raise WireError("unknown value tag")


def _decode_array(data: dict) -> np.ndarray:
    dtype = _str(data["$nd"])
    if dtype not in _NUMERIC_DTYPES:
        raise WireError("unsupported array dtype")
    shape = _shape(data["shape"])
    raw = base64.b64decode(_str(data["b64"]), validate=True)
    if len(raw) != math.prod(shape) * np.dtype(dtype).itemsize:
        raise WireError("array bytes do not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise WireError("malformed message: expected a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise WireError("malformed message: expected a string")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise WireError("malformed message: expected an integer")
    return value


def _number(value: Any) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise WireError("malformed message: expected a number")
    return value


def _shape(value: Any) -> tuple[int, ...]:
    shape = tuple(_int(n) for n in _list(value))
    if len(shape) > 32 or any(n < 0 for n in shape):
        raise WireError("malformed array shape")
    return shape


def _hashable(key: Any) -> Any:
    try:
        hash(key)
    except TypeError:
        raise WireError("unhashable dict key") from None
    return key


def send(sock: socket.socket, message: dict) -> None:
    payload = json.dumps(message, allow_nan=False, separators=(",", ":")).encode("utf-8")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"message of {len(payload)} bytes is over the {MAX_FRAME} byte limit")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def receive(sock: socket.socket, deadline: float | None = None) -> dict:
    """Read one message; raise WireError on a bad frame and TimeoutError past the deadline."""
    (length,) = _HEADER.unpack(_read_exactly(sock, _HEADER.size, deadline))
    if length > MAX_FRAME:
        raise WireError(f"message of {length} bytes is over the {MAX_FRAME} byte limit")
    payload = _read_exactly(sock, length, deadline)
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise WireError("message is not valid JSON") from error
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
    return message


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
