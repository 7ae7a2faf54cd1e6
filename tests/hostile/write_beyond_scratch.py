# Looks for a folder it can write in besides its working folder, /tmp and /dev/shm (the
# size-capped scratch space) on every mount it can see, and writes 32 MiB there: under
# bubblewrap in a user namespace, /dev and the empty folders that hide the suites were tmpfs
# mounts it owned, with no size cap, so what it wrote there was memory outside every limit.
# verdict: failed
# score: 0
# absent: WROTE
# needs: safe
import os

SCRATCH = {os.path.realpath(path) for path in (os.getcwd(), "/tmp", "/dev/shm")}
CHUNK = b"x" * (1 << 20)


def _fill(folder):
    for number in range(4):
        try:
            with open(os.path.join(folder, f".fill{number}"), "wb") as handle:
                for _ in range(8):
                    handle.write(CHUNK)
        except OSError:
            return
    print("WROTE 32 MiB in", folder)


with open("/proc/self/mounts") as mounts:
    points = {(line.split()[1], line.split()[2]) for line in mounts}
for point, kind in sorted(points):
    if point.startswith(("/proc", "/sys")) or os.path.realpath(point) in SCRATCH:
        continue
    folders = [point]
    if kind == "tmpfs":  # small: look inside too, down to the next mount
        folders = []
        for folder, subfolders, _ in os.walk(point):
            folders.append(folder)
            subfolders[:] = [name for name in subfolders
                             if os.path.join(folder, name) not in {p for p, _ in points}]
    for folder in folders:
        if os.path.realpath(folder) not in SCRATCH and os.access(folder, os.W_OK):
            _fill(folder)


def softmax(L):
    return [0.0] * len(L)
