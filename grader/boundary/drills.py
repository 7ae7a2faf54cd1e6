"""Loops that run inside the learner process, on the learner's own objects.

Some checks need thousands of calls into the learner's code (training a network on a data set).
Sent one by one across the boundary they would take minutes, so the loop itself runs in the
learner process. Nothing it returns is trusted: suites fetch the learner's final state as data
and judge it on the trusted side. Only the functions named in DRILLS can be run this way.
"""

from __future__ import annotations

DRILLS: dict = {}
