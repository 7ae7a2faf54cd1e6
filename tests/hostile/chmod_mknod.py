# Plays with its own folder: makes a device node for the disk under / (mknod) and reads it,
# gives its files to root (chown), makes them set-uid, opens its folder to everyone. ESCAPED if
# it got a device node or gave a file away.
# verdict: passed
# score: full
# absent: ESCAPED
import os
import stat
from pathlib import Path

import numpy as np

escaped = []
here = Path.cwd()
disk = here / "disk"
try:
    os.mknod(disk, stat.S_IFBLK | 0o600, os.stat("/").st_dev)
    escaped.append("mknod")
    with open(disk, "rb") as handle:
        handle.read(512)
    escaped.append("read the disk")
except OSError as error:
    print("mknod refused:", error)
mine = here / "mine.txt"
try:
    mine.write_text("mine\n")
    if os.getuid() != 0:
        os.chown(mine, 0, 0)
        escaped.append("chown to root")
except OSError as error:
    print("chown refused:", error)
for target, mode in ((mine, 0o4755), (here, 0o777), (Path(__file__), 0o666)):
    try:
        os.chmod(target, mode)
        print("chmod", target, oct(mode))
    except OSError as error:
        print("chmod refused:", error)
for name in escaped:
    print("ESCAPED", name)


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
