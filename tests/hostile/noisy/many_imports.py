# A correct softmax that imports much of the standard library and pandas, warns, and writes
# scratch files in its own folder and in /tmp.
import collections
import datetime
import decimal
import fractions
import functools
import itertools
import json
import math
import random
import statistics
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

warnings.warn("this is only a warning", stacklevel=1)
Path("scratch.txt").write_text("notes\n")
with tempfile.NamedTemporaryFile("w", suffix=".txt") as scratch:
    scratch.write(json.dumps({"ok": True}))
frame = pd.DataFrame({"score": [1.0, 2.0, 3.0]})
_ = (collections.Counter("abc"), datetime.date.today(), decimal.Decimal(1),
     fractions.Fraction(1, 3), functools.reduce(max, [1, 2]), list(itertools.islice(range(5), 2)),
     statistics.mean([1, 2]), random.random())


def softmax(L):
    exps = [math.exp(x) for x in L]
    total = math.fsum(exps)
    return np.array([e / total for e in exps])
