# Tries to reach the network: services on loopback, a public address, name resolution, a UDP
# send. Its softmax is right only if every attempt fails, so full marks prove there was no
# network. (A refused connection to 127.0.0.1 is not an escape: the loopback may be private.)
# verdict: passed
# score: full
# absent: ESCAPED
import socket

import numpy as np

escaped = []
for address in (("127.0.0.1", 22), ("127.0.0.1", 80), ("1.1.1.1", 53), ("8.8.8.8", 443)):
    try:
        connection = socket.create_connection(address, timeout=1)
        connection.close()
        escaped.append(f"connect {address}")
    except OSError as error:
        print("no network:", address, error)
try:
    socket.getaddrinfo("example.com", 80)
    escaped.append("resolved example.com")
except OSError as error:
    print("no name resolution:", error)
try:
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.sendto(b"hello", ("1.1.1.1", 53))
    escaped.append("udp send")
except OSError as error:
    print("no udp:", error)
for item in escaped:
    print("ESCAPED", item)


def softmax(L):
    if escaped:
        return np.zeros(len(L))
    expL = np.exp(L)
    return expL / np.sum(expL)
