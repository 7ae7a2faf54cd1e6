# Reads what only root should: /etc/shadow, sudoers, root's SSH keys and shell history, kernel
# memory and messages, the raw disks. Anything it can read is FOUND.
# needs: safe
# verdict: passed
# score: full
# absent: FOUND
import glob
import os

import numpy as np

paths = ["/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/root/.bash_history",
         "/root/.ssh/id_rsa", "/root/.ssh/id_ed25519", "/root/.ssh/authorized_keys",
         "/root/.gitconfig", "/root/.cache", "/proc/kcore", "/proc/kmsg", "/dev/mem", "/dev/kmem",
         "/dev/kmsg", "/dev/port", "/sys/kernel/security/lsm"]
paths += glob.glob("/dev/sd?") + glob.glob("/dev/vd?") + glob.glob("/dev/nvme?n?")
paths += glob.glob("/home/*/.ssh/*") + glob.glob("/root/.config/*")
for path in paths:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(1)
        print("FOUND", path)
    except OSError:
        pass


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
