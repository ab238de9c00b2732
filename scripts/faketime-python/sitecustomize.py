"""Loaded by every Python process of a shifted test run (scripts/run-tests-shifted.sh puts this
folder on PYTHONPATH; nothing else does).

libfaketime 0.9.10 (Debian's `faketime`) with FAKETIME_DONT_FAKE_MONOTONIC=1 breaks Python's
time.sleep: CPython sleeps with clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, ...), libfaketime
moves that absolute deadline by the fake offset, and the kernel answers EINVAL ("OSError: [Errno 22]
Invalid argument"). moto's Step Functions interpreter sleeps between a Retry's attempts, so every
retried task FAILED in a shifted run. select() takes a relative timeout and is left alone by
libfaketime, so time.sleep is replaced by a select() loop on the (real) monotonic clock.
"""
import select
import time


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        select.select([], [], [], left)


time.sleep = _sleep
