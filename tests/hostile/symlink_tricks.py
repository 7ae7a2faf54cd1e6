# Reaches outside through links made in its own folder: symbolic links to the suites, the
# solutions, /proc/1/root, a folder far above (to find the class folder and other learners' in
# /tmp); hard links to the solutions and /etc/shadow. FOUND if anything behind them is read.
# needs: safe
# verdict: failed
# score: 0
# absent: FOUND
import os
from pathlib import Path

import numpy as np

targets = ["/etc/shadow", "/proc/1/root/etc/shadow", "/proc/1/cwd"]
try:
    from grader.course import paths as course

    targets += [str(course.suite_path("softmax")), str(course.solution_path("softmax")),
                str(course.PACKAGE_DIR.parent / "solutions" / "softmax.py")]
except BaseException:
    pass
here = Path.cwd()
for number, target in enumerate(targets):
    for kind, make in (("symlink", os.symlink), ("hardlink", os.link)):
        link = here / f"{kind}-{number}"
        try:
            make(target, link)
        except OSError:
            continue
        try:
            if link.is_dir():
                if Path(os.path.realpath(link)) != here:
                    print("FOUND through", kind, target, sorted(os.listdir(link))[:5])
            else:
                text = link.read_text(errors="replace")
                if "softmax" in text or "root:" in text:
                    print("FOUND through", kind, target)
        except OSError:
            pass
up = here / "up"
try:
    os.symlink("../" * 12, up)
    # Its own working folder's parents are there too (in a batch, /tmp/nn-grader-task-*):
    # empty folders the sandbox made to mount the working folder on.
    others = [name for name in os.listdir(up / "tmp")
              if name.startswith(("pytest-of-", "nn-grader-task-")) and name not in here.parts]
    if others:
        print("FOUND through ../: /tmp holds", others[:5])
except OSError:
    pass


def softmax(L):
    return np.zeros(len(L))
