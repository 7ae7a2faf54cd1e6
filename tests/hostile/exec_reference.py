# Runs the shipped reference solution: by path (runpy, exec), by import (the checkout's
# solutions package, the wheel's built-in course folder), through /proc/<pid>/root and
# /proc/<pid>/cwd of every process it can see, and as a program. Its softmax is the
# reference's if any of that worked: then it would earn marks it did not.
# needs: safe
# verdict: failed
# score: 0
# absent: FOUND
import importlib
import os
import runpy
import sys

import numpy as np

stolen = None
relative = ["solutions/softmax.py", "grader/course/builtin/solutions/softmax.py",
            "course/builtin/solutions/softmax.py", "grader/_course/solutions/softmax.py",
            "_course/solutions/softmax.py"]
paths = []
try:
    from grader.course import paths as course

    paths.append(str(course.solution_path("softmax")))
    package = str(course.PACKAGE_DIR)
    paths += [os.path.join(os.path.dirname(package), item) for item in relative]
    paths += [os.path.join(package, item) for item in relative]
except BaseException:
    pass
for entry in sys.path:
    paths += [os.path.join(entry, item) for item in relative]
absolute = [path for path in paths if path.startswith("/")]
for pid in [name for name in os.listdir("/proc") if name.isdigit()]:
    for link in ("root", "cwd"):
        base = f"/proc/{pid}/{link}"
        paths += [base + path for path in absolute]
        paths += [os.path.join(base, item) for item in relative]
for path in dict.fromkeys(paths):
    try:
        namespace = runpy.run_path(path)
    except BaseException:
        continue
    if "softmax" in namespace:
        stolen = namespace["softmax"]
        print("FOUND by path", path)
        break
for name in ("solutions.softmax", "grader.course.builtin.solutions.softmax",
             "grader._course.solutions.softmax", "_course.solutions.softmax"):
    try:
        module = importlib.import_module(name)
        stolen = stolen or module.softmax
        print("FOUND by import", name)
    except BaseException:
        pass
for path in paths[:3]:
    try:
        os.execv(sys.executable, [sys.executable, path])
    except OSError:
        pass


def softmax(L):
    if stolen is not None:
        return stolen(L)
    return np.zeros(len(L))
