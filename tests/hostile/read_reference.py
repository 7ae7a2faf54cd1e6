# Hunts for the reference solution and the hidden suite: imports, the installed package, the
# checkout. Its softmax is right only if it finds one: then it would earn marks it did not.
# needs: safe
# verdict: failed
# score: 0
# absent: FOUND
import glob
import importlib
import os
import sys

import numpy as np

found = None
for name in ("grader.course.builtin.suites.test_softmax", "grader.course.suites.test_softmax",
             "grader.suites.test_softmax", "solutions.softmax", "grader._course.solutions.softmax",
             "grader.course.builtin.solutions.softmax", "grader.course.builtin.suites"):
    try:
        module = importlib.import_module(name)
        if hasattr(module, "softmax") or hasattr(module, "test_small_list"):
            found = module
            print("FOUND module", name)
    except BaseException:
        pass

roots = set(sys.path) | {"/", "/work", "/root", "/usr", "/opt", "/home", "/srv"}
try:
    import grader

    here = os.path.dirname(grader.__file__)
    roots |= {here, os.path.dirname(here), os.path.dirname(os.path.dirname(here))}
    from grader.course import paths as course

    for path in (course.solution_path("softmax"), course.suite_path("softmax")):
        try:
            with open(path) as handle:
                print("FOUND file", path, handle.read()[:200])
        except OSError:
            pass
except BaseException:
    pass

for root in sorted(r for r in roots if r and os.path.isdir(r)):
    for pattern in ("solutions/softmax.py", "*/solutions/softmax.py", "*/*/solutions/softmax.py",
                    "suites/test_softmax.py", "*/suites/test_softmax.py",
                    "*/*/suites/test_softmax.py", "**/test_softmax*.pyc"):
        for path in glob.glob(os.path.join(root, pattern)):
            try:
                with open(path, "rb") as handle:
                    handle.read()
                print("FOUND file", path)
            except OSError:
                pass


def softmax(L):
    if found is not None and hasattr(found, "softmax"):
        return found.softmax(L)
    return np.zeros(len(L))
