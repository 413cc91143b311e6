"""psutil, timed inside its own process so that the pipe to the benchmark costs nothing.

Reads one command per line from stdin, "<operation> <iterations>", runs the operation that many
times and answers with the elapsed nanoseconds. Answers "ready <psutil version>" first, or
"missing <reason>" and exits when psutil cannot be imported.
"""
import sys
import time

try:
    import psutil
except ImportError as error:
    print("missing " + str(error), flush=True)
    sys.exit(0)


def net_io():
    return psutil.net_io_counters(pernic=True)


def if_info():
    return psutil.net_if_addrs(), psutil.net_if_stats()


OPERATIONS = {"net_io": net_io, "if_info": if_info}

print("ready " + psutil.__version__, flush=True)
for line in sys.stdin:
    name, count = line.split()
    operation = OPERATIONS[name]
    start = time.perf_counter_ns()
    for _ in range(int(count)):
        operation()
    print(time.perf_counter_ns() - start, flush=True)
