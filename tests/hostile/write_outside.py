# A correct softmax that tries to write outside its working directory; it answers right only if
# every write failed, so full marks mean the filesystem outside was read-only.
# needs: safe
# verdict: passed
# score: full
# absent: ESCAPED
import os
import sys
from pathlib import Path

import numpy as np

mark = Path(__file__).stem
places = ["/", "/etc", "/usr", "/usr/local/lib", "/root", "/home", "/opt", "/var/tmp",
          sys.prefix, os.path.dirname(np.__file__)]
try:
    import grader

    places.append(os.path.dirname(grader.__file__))
except ImportError:
    pass
escaped = []
for place in places:
    target = os.path.join(place, f"{mark}.written")
    try:
        with open(target, "w") as handle:
            handle.write("written by a learner\n")
        escaped.append(target)
    except OSError:
        pass
for item in escaped:
    print("ESCAPED wrote", item)
# /tmp (and the folder above the working folder, in /tmp) may be a private scratch folder:
# writing there is allowed, but must not reach the host's /tmp (the test looks there).
for place in ("/tmp", str(Path.cwd().parent)):
    try:
        Path(place, f"{mark}.written").write_text("private?\n")
    except OSError:
        pass


def softmax(L):
    if escaped:
        return np.zeros(len(L))
    expL = np.exp(L)
    return expL / np.sum(expL)
