"""The far end of the accuracy tests: runs inside the test's network namespace.

Reads one command per line on stdin and answers one line per command on stdout, so the test can
drive traffic from inside the namespace and know exactly when it is done:

  bind-udp <addr> <port>                      keep a UDP socket open there (datagrams are queued, never
                                              answered with ICMP port unreachable); "bound"
  recv-tcp <addr> <port>                      listen, answer "listening", accept one connection, read
                                              until the sender closes; "received <bytes>"
  send-udp <src> <dst> <port> <count> <size>  send <count> datagrams of <size> zero bytes; "sent <bytes>"
  send-tcp <src> <dst> <port> <bytes>         connect, send that many zero bytes, close; "sent <bytes>"
"""
import socket
import sys

kept = []


def answer(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def bind_udp(addr, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((addr, int(port)))
    kept.append(sock)
    answer("bound")


def recv_tcp(addr, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((addr, int(port)))
        server.listen(1)
        answer("listening")
        connection, _ = server.accept()
        total = 0
        with connection:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                total += len(chunk)
    answer("received %d" % total)


def send_udp(src, dst, port, count, size):
    payload = bytes(int(size))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((src, 0))
        for _ in range(int(count)):
            sock.sendto(payload, (dst, int(port)))
    answer("sent %d" % (int(count) * int(size)))


def send_tcp(src, dst, port, count):
    payload = bytes(int(count))
    with socket.create_connection((dst, int(port)), source_address=(src, 0)) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        # Wait for the receiver to close too, so every segment (FIN and ACKs) has passed when we answer.
        while sock.recv(65536):
            pass
    answer("sent %d" % int(count))


COMMANDS = {"bind-udp": bind_udp, "recv-tcp": recv_tcp, "send-udp": send_udp, "send-tcp": send_tcp}

answer("ready")
for line in sys.stdin:
    words = line.split()
    if words:
        try:
            COMMANDS[words[0]](*words[1:])
        except Exception as error:  # the test reads the failure instead of hanging on a dead peer
            answer("error %s: %s" % (type(error).__name__, error))
