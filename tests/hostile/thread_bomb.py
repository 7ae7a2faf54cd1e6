# Starts threads at import until it cannot (or 1500 of each kind), each holding 64 KiB it wrote
# to, first with the default stack size, then with small stacks; then lets them go. Threads
# stay allowed (NumPy's are threads): the memory limit holds them all together, and the
# correct softmax gets full marks.
# verdict: passed
# score: full
import threading

import numpy as np

release = threading.Event()
threads = []


def _hold():
    block = b"x" * 2**16
    release.wait()
    return block


for stack in (0, 64 * 1024):
    threading.stack_size(stack)
    for _ in range(1500):
        try:
            thread = threading.Thread(target=_hold, daemon=True)
            thread.start()
        except (RuntimeError, MemoryError):
            break
        threads.append(thread)
threading.stack_size(0)
print("started", len(threads), "threads")
release.set()
for thread in threads:
    thread.join()


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
