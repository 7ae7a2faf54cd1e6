# A correct softmax that tries to fill the disk: 8 MiB files, one after another, in its own
# folder and in /tmp, up to 1 GiB. Its folders are capped, so most writes must fail.
# needs: safe
# verdict: passed
# score: full
# absent: ESCAPED
import os

import numpy as np

written = 0
for folder in (os.getcwd(), "/tmp"):
    for number in range(64):
        try:
            with open(os.path.join(folder, f"ballast-{number}.bin"), "wb") as handle:
                for _ in range(8):
                    handle.write(b"\0" * 2**20)
                    written += 2**20
        except OSError:
            break
print(f"wrote {written // 2**20} MiB")
if written > 256 * 2**20:
    print("ESCAPED: wrote", written // 2**20, "MiB")


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
