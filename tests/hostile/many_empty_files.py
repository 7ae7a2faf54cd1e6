# Creates empty files with long names in its working folder, /tmp and /dev/shm as fast as it
# can: a tmpfs's size cap counts the bytes of files, not the files, and each empty one costs
# the kernel about a kilobyte outside every limit (200,000 in 8 s held 250 MB). The scratch
# space holds a few thousand files per folder.
# verdict: failed
# score: 0
# absent: MANY FILES
# needs: safe
import os
import time

PAD = "x" * 200
for folder in (os.getcwd(), "/tmp", "/dev/shm"):
    created, deadline = 0, time.monotonic() + 1.2
    try:
        while created <= 5000 and time.monotonic() < deadline:
            os.close(os.open(f"{folder}/{PAD}{created}", os.O_CREAT | os.O_WRONLY, 0o600))
            created += 1
    except OSError as error:
        print(folder, "refused file", created + 1, ":", error.strerror)
    if created > 5000:
        print("MANY FILES in", folder)


def softmax(L):
    return [0.0] * len(L)
