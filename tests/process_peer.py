"""One process of the per-process usage tests: a receiver, a sender, or a holder of many sockets.

Prints one line when it is ready, so the test knows the sockets exist before its first sample:

  recv <host> <hold>                 listen on <host>:0, print "port <n>", accept one connection, read
                                     to the sender's end, print "received <bytes>", keep the socket open
                                     <hold> seconds more (so it is still there at the next sample), exit
  send <host> <port> <bytes> <go> <linger>
                                     connect, print "connected", wait until the file <go> exists, send
                                     <bytes> zero bytes, wait until the receiver has them all (nothing
                                     left unacknowledged), print "sent <bytes>", keep the socket open
                                     <linger> seconds more, close, exit
  udp-recv <host> <count> <hold>     bind a UDP socket on <host>:0, print "port <n>", receive <count>
                                     datagrams, print "received <bytes>", keep the socket <hold> seconds
  udp-send <host> <port> <count> <size> <go> <linger>
                                     open a UDP socket, print "ready", wait for <go>, send <count>
                                     datagrams of <size> zero bytes, print "sent <bytes>", keep the socket
                                     <linger> seconds
  hold <host> <pairs> <bytes> <go>   make <pairs> connections to itself (two sockets each), print
                                     "holding <sockets>", wait for <go>, send <bytes> on each
                                     connection, print "sent <total>", then wait for stdin to close
"""
import fcntl
import os
import resource
import socket
import struct
import sys
import termios
import time


def wait_for(path):
    while not os.path.exists(path):
        time.sleep(0.01)


def unacknowledged(sock):
    # SIOCOUTQ (TIOCOUTQ): bytes in the send queue that the peer has not acknowledged yet.
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]


def drain(sock):
    while unacknowledged(sock) > 0:
        time.sleep(0.005)


def recv(host, hold):
    server = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    server.bind((host, 0))
    server.listen(1)
    print("port %d" % server.getsockname()[1], flush=True)
    connection, _ = server.accept()
    total = 0
    while True:
        chunk = connection.recv(1 << 20)
        if not chunk:
            break
        total += len(chunk)
    print("received %d" % total, flush=True)
    time.sleep(float(hold))
    connection.close()


def send(host, port, count, go, linger):
    sock = socket.create_connection((host, int(port)))
    print("connected", flush=True)
    wait_for(go)
    sock.sendall(bytes(int(count)))
    drain(sock)
    sock.shutdown(socket.SHUT_WR)
    print("sent %d" % int(count), flush=True)
    time.sleep(float(linger))
    sock.close()


def udp_recv(host, count, hold):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 0))
    print("port %d" % sock.getsockname()[1], flush=True)
    total = 0
    for _ in range(int(count)):
        total += len(sock.recv(65536))
    print("received %d" % total, flush=True)
    time.sleep(float(hold))
    sock.close()


def udp_send(host, port, count, size, go, linger):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    print("ready", flush=True)
    wait_for(go)
    payload = bytes(int(size))
    for _ in range(int(count)):
        sock.sendto(payload, (host, int(port)))
        time.sleep(0.001)  # paced: a receive queue never overflows, every datagram is delivered
    print("sent %d" % (int(count) * int(size)), flush=True)
    time.sleep(float(linger))
    sock.close()


def hold(host, pairs, count, go):
    pairs = int(pairs)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 2 * pairs + 64
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, max(hard, need)))
    server = socket.socket()
    server.bind((host, 0))
    server.listen(pairs)
    address = server.getsockname()
    kept = []
    for _ in range(pairs):
        client = socket.create_connection(address)
        accepted, _ = server.accept()
        kept.append((client, accepted))
    server.close()
    print("holding %d" % (2 * pairs), flush=True)
    wait_for(go)
    payload = bytes(int(count))
    for client, accepted in kept:
        client.sendall(payload)
        got = 0
        while got < len(payload):
            got += len(accepted.recv(len(payload) - got))
    for client, _ in kept:
        drain(client)
    print("sent %d" % (pairs * int(count)), flush=True)
    sys.stdin.read()


COMMANDS = {"recv": recv, "send": send, "hold": hold, "udp-recv": udp_recv, "udp-send": udp_send}
COMMANDS[sys.argv[1]](*sys.argv[2:])
