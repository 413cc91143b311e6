"""Runs one command and reports what the kernel accounted to it when it ended.

Usage: child_usage.py <report file> <program> [argument]...
The program runs with this process's standard streams and environment; the report file gets one
line, "<cpu seconds> <peak resident KB> <wall seconds>": user plus system time of the child and of
the descendants it waited for (microseconds, from wait4), its largest resident set, and the time
from just before the fork to just after the reap. Exits with the program's exit code.
"""
import os
import sys
import time


def main():
    report, argv = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    with open(report, "w") as out:
        out.write(f"{usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss} {wall:.6f}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
