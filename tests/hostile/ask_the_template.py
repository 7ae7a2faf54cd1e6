# Hunts for what a fork of the learner template could carry over: any descriptor besides its
# own channel, stdin and the output, such as the socket on which grading processes ask the
# template for learners. On every socket it holds but its channel it forges such a request,
# handing over a socket of its own, and waits for a stand-in's answer; it also looks for
# blocked signals, running timers, and a process without its seccomp filter. ESCAPED if it holds
# another descriptor or got an answer; ODD for state a fresh process would not have.
# verdict: passed
# score: full
# absent: ESCAPED
# absent: ODD
import os
import signal
import socket
import stat

import numpy as np

channels = []
for name in os.listdir("/proc/self/fd"):
    fd = int(name)
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        continue  # the folder listdir itself had open
    if fd in (0, 1, 2):
        continue
    if not stat.S_ISSOCK(mode):
        print("ESCAPED: an inherited descriptor", fd, os.readlink(f"/proc/self/fd/{fd}"))
        continue
    found = socket.socket(fileno=os.dup(fd))
    if found.type == socket.SOCK_STREAM:
        channels.append(fd)  # the grader's channel is a stream; the template's is not
        found.close()
        continue
    print("ESCAPED: an inherited socket", fd, found.type)
    ours, theirs = socket.socketpair()
    try:
        found.settimeout(1)
        socket.send_fds(found, [b"learner"], [theirs.fileno(), theirs.fileno(), 1])
        ours.settimeout(1)
        print("ESCAPED: the template answered", ours.recv(64))
    except OSError as error:
        print("no answer on", fd, error)
if len(channels) != 1:
    print("ESCAPED: stream sockets besides the grader's channel", channels)

status = dict(line.split(":\t", 1) for line in open("/proc/self/status").read().splitlines()
              if ":\t" in line)
if int(status["SigBlk"], 16):
    print("ODD: signals blocked", status["SigBlk"])
timers = [signal.getitimer(which) for which in
          (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)]
if any(any(timer) for timer in timers):
    print("ODD: a timer is running", timers)
if status["Seccomp"].strip() != "2" or status["NoNewPrivs"].strip() != "1":
    print("ODD: no seccomp filter", status["Seccomp"], status["NoNewPrivs"])


def softmax(L):
    expL = np.exp(np.asarray(L, dtype=float) - np.max(L))
    return expL / expL.sum()
