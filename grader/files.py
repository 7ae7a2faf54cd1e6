"""Writing a file so that no reader ever sees half of it: reports, CSVs, results.jsonl, the
learner's progress. The text goes to a temporary file beside the target, which a rename then puts
in its place, so a reader (or a run killed mid-write) finds the old file or the new one, whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, *, durable: bool = False) -> None:
    """Replace `path` with `text` (UTF-8). `durable` syncs the data to disk before the rename,
    for a file whose loss after a crash would cost the user (the learner's progress); the
    temporary file is named `.<name>.*.tmp`, which is how leftovers are found and removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())  # mkstemp's 0600 would hide reports from a web server
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
