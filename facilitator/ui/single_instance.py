"""One running app per database: a second launch hands its arguments over and exits.

The first process on a database takes a lock file and listens on a local socket
(QLocalServer: a Unix socket, a named pipe on Windows), both named from a hash of
the user and the resolved database URL. A later launch on the same database finds
the lock taken, connects, sends one request and waits for the answer; the first
process brings its window forward. Two windows therefore never edit the same store.

A crash leaves the lock file and the socket behind. QLockFile recognises a lock
whose process is gone as stale and takes it over; the old socket is then removed
before listening.

The wire protocol is one JSON object per line, UTF-8, at most :data:`MAX_MESSAGE`
bytes. Request: ``{"app": "facilitator", "protocol": 1, "argv": [...], "cwd": "..."}``.
Answer: ``{"ok": true, "pid": 1234}``. :func:`encode_request` and friends hold it,
without Qt, so it can be tested on its own.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from facilitator.logs import scrub
from facilitator.paths import resolve_database_url

PROTOCOL = 1
APP = "facilitator"
MAX_MESSAGE = 64 * 1024
#: How long a second launch waits for the first to answer.
TIMEOUT_MS = 5_000


class ProtocolError(ValueError):
    """A message that is not a valid request or answer."""


@dataclass(frozen=True)
class Request:
    """What a second launch asks of the running instance."""

    argv: list[str]
    cwd: str


def canonical_database(url: str | None) -> str:
    """The database a URL means, spelled one way: SQLite paths made absolute, no password."""
    url = resolve_database_url(url)
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path, _, _query = url[len(prefix) :].partition("?")
            if path and path != ":memory:":
                return "sqlite:///" + str(Path(path).expanduser().resolve())
            return url
    return scrub(url)


def server_name(url: str | None) -> str:
    """The local socket name for ``url``: the same for every spelling of one database."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha256(f"{user}\0{canonical_database(url)}".encode()).hexdigest()
    # Short: a Unix socket path is limited to about 100 bytes, temp folder included.
    return f"facilitator-{digest[:20]}"


def encode_request(argv: list[str], cwd: str) -> bytes:
    message = {"app": APP, "protocol": PROTOCOL, "argv": list(argv), "cwd": cwd}
    data = json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"
    if len(data) > MAX_MESSAGE:
        raise ProtocolError("the arguments are too long to hand over")
    return data


def decode_request(data: bytes) -> Request:
    message = _decode(data)
    if message.get("app") != APP or message.get("protocol") != PROTOCOL:
        raise ProtocolError("not a request of this version of Facilitator")
    argv, cwd = message.get("argv"), message.get("cwd")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        raise ProtocolError("argv must be a list of strings")
    if not isinstance(cwd, str):
        raise ProtocolError("cwd must be a string")
    return Request(argv, cwd)


def encode_answer(pid: int) -> bytes:
    return json.dumps({"ok": True, "pid": pid}).encode("utf-8") + b"\n"


def decode_answer(data: bytes) -> int:
    """The pid of the running instance that took the request."""
    message = _decode(data)
    pid = message.get("pid")
    if message.get("ok") is not True or not isinstance(pid, int):
        raise ProtocolError("the running instance refused the request")
    return pid


def _decode(data: bytes) -> dict[str, object]:
    if len(data) > MAX_MESSAGE or not data.endswith(b"\n"):
        raise ProtocolError("incomplete or oversized message")
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProtocolError("not JSON") from None
    if not isinstance(message, dict):
        raise ProtocolError("not a JSON object")
    return message


class InstanceServer(QObject):
    """Listens for later launches on the same database.

    Signals:
        requested(list, str): a later launch's argv and working folder.
    """

    requested = Signal(list, str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        # A socket left by a crashed instance would make listen() fail; our lock says
        # no live instance owns it, so it can go.
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer and len(buffer) <= MAX_MESSAGE:
            return
        line = bytes(buffer[: buffer.find(b"\n") + 1]) if b"\n" in buffer else bytes(buffer)
        try:
            request = decode_request(line)
        except ProtocolError:
            socket.disconnectFromServer()
            return
        socket.write(encode_answer(os.getpid()))
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(request.argv, request.cwd)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def hand_over(name: str, argv: list[str], cwd: str, timeout_ms: int = TIMEOUT_MS) -> int | None:
    """Send ``argv`` to the instance listening on ``name``; its pid, or None if none answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return None
    try:
        socket.write(encode_request(argv, cwd))
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        data = b""
        while b"\n" not in data and len(data) <= MAX_MESSAGE:
            if not socket.waitForReadyRead(timeout_ms):
                break
            data += bytes(socket.readAll().data())
        return decode_answer(data)
    except ProtocolError:
        return None
    finally:
        socket.abort()


@dataclass
class Claim:
    """The outcome of :func:`claim`: this process is the instance, or it handed over."""

    server: InstanceServer | None
    lock: QLockFile | None
    handed_to: int | None = None

    @property
    def primary(self) -> bool:
        return self.server is not None

    def release(self) -> None:
        """Stop listening and drop the lock (at quit; a crash leaves them stale)."""
        if self.server is not None:
            self.server.close()
        if self.lock is not None:
            self.lock.unlock()


def claim(url: str | None, argv: list[str], *, lock_dir: Path | None = None) -> Claim:
    """Become the instance for ``url``, or hand ``argv`` to the one that already is.

    Returns a primary claim (keep it alive as long as the window), or one with
    ``handed_to`` set. When the lock's owner is alive but never answers, the claim
    has neither and the caller reports it.
    """
    name = server_name(url)
    folder = lock_dir or Path(tempfile.gettempdir())
    lock = QLockFile(str(folder / f"{name}.lock"))
    lock.setStaleLockTime(0)  # held for hours: only an owner that is gone makes it stale
    for attempt in range(4):
        # After the first try, wait a little: the owner may be starting (locked, not yet
        # listening) or quitting (listening no more, not yet unlocked).
        if lock.tryLock(0 if attempt == 0 else 1_000):
            server = InstanceServer(name)
            if server.listen():
                return Claim(server, lock)
            lock.unlock()
            return Claim(None, None)
        pid = hand_over(name, argv, os.getcwd(), timeout_ms=2_000)
        if pid is not None:
            return Claim(None, None, handed_to=pid)
    return Claim(None, None)
