"""A small local TCP proxy between a desk and the centre that misbehaves on purpose:
reset mid-body, a slow link, or swallowing the answer while the server commits (timeout)."""

from __future__ import annotations

import socket
import struct
import threading
import time


class FaultyProxy:
    def __init__(self, upstream_port: int):
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.mode: str | None = None  # None, "reset", "timeout", "slow"
        self.faults_left = 0
        self.faults_done = 0
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                mode = self.mode if (self.mode == "slow" or self.faults_left > 0) else None
                if mode and mode != "slow":
                    self.faults_left -= 1
                    self.faults_done += 1
            upstream = socket.create_connection(self.upstream)
            threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, mode), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, mode: str | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(4096)
                if not data:
                    break
                if mode == "timeout":
                    continue  # the server answered (and committed); the desk never hears it
                if mode == "reset" and sent + len(data) > 40:
                    dst.sendall(data[:40 - sent])
                    # RST instead of FIN: the desk sees "connection reset" mid-body.
                    dst.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    dst.close()
                    src.close()
                    return
                if mode == "slow":
                    for i in range(0, len(data), 256):
                        dst.sendall(data[i:i + 256])
                        time.sleep(0.002)
                else:
                    dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
