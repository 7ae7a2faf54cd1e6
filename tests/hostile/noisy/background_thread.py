# A correct softmax that leaves a daemon thread printing in the background.
import threading
import time

import numpy as np


def _chatter():
    while True:
        print("still here")
        time.sleep(0.01)


threading.Thread(target=_chatter, daemon=True).start()


def softmax(L):
    expL = np.exp(L)
    return expL / np.sum(expL)
