# Tries to change the installed grader so that later learners pass: opens its modules for
# writing (and writes nothing), creates files named after itself in the package, its
# __pycache__, site-packages (a .pth file, sitecustomize.py), NumPy's folder and every folder on
# sys.path, changes their modes. Anything it managed is removed at once and reported as WROTE.
# needs: safe
# verdict: passed
# score: full
# absent: WROTE
import os
import sys
import sysconfig
from pathlib import Path

import numpy as np

mark = Path(__file__).stem
folders = [os.path.dirname(np.__file__), *sysconfig.get_paths().values(), *sys.path]
modules = []
try:
    import grader

    package = Path(grader.__file__).parent
    folders += [str(package), str(package / "__pycache__"), str(package / "core"),
                str(package / "core" / "__pycache__"), str(package.parent)]
    modules = [package / "feedback.py", package / "core" / "compare.py",
               package / "core" / "plugin.py", package / "__init__.py"]
except ImportError:
    pass
for module in modules:
    try:
        os.close(os.open(module, os.O_WRONLY))
        print("WROTE could open for writing", module)
    except OSError:
        pass
    try:
        os.utime(module)
        print("WROTE changed the time of", module)
    except OSError:
        pass
for folder in dict.fromkeys(folders):
    if not folder or not os.path.isdir(folder):
        continue
    for name in (f"{mark}.pth", f"{mark}.py", f"{mark}.cpython-311.pyc", "sitecustomize.py"):
        target = os.path.join(folder, name)
        if name == "sitecustomize.py" and os.path.exists(target):
            continue
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError:
            continue
        os.close(descriptor)
        os.unlink(target)
        print("WROTE created", target)
    try:
        os.chmod(folder, os.stat(folder).st_mode)
        print("WROTE changed the mode of", folder)
    except OSError:
        pass


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
