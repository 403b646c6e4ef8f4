"""Bot instances as real operating-system processes on loopback: started, polled until ready, posted to
with signed tokens, killed with SIGKILL or stopped, and always reaped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).resolve().parent / "launch.py"
APP = ROOT / "app.py"
READY_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Instance:
    """One bot process. `env` is its whole environment (settings as environment variables)."""

    def __init__(self, name: str, env: Mapping[str, str], log_dir: Path, *, script: Path = LAUNCHER) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"{name}.log"
        self._env = {**env, "PORT": str(self.port), "HOST": "127.0.0.1"}
        self._script = script
        self.process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def start(self, cwd: Path) -> None:
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, str(self._script), cwd=cwd, env=self._env, stdout=log, stderr=log
            )

    async def wait_ready(self, session: aiohttp.ClientSession, seconds: float = READY_SECONDS) -> float:
        """Poll /readyz until it answers 200; the seconds it took. Fails if the process exits."""
        started = time.monotonic()
        async with asyncio.timeout(seconds):
            while True:
                assert self.process is not None
                if self.process.returncode is not None:
                    raise AssertionError(f"{self.name} exited ({self.process.returncode}):\n{self.tail()}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"{self.url}/readyz") as response:
                        if response.status == 200:
                            return time.monotonic() - started
                await asyncio.sleep(0.1)

    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, in-flight requests and claimed outbox messages are abandoned."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await asyncio.wait_for(self.process.wait(), timeout=10)

    async def stop(self) -> None:
        """SIGTERM (a graceful shutdown), SIGKILL if it takes more than ten seconds; never raises."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGKILL)
            await process.wait()

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def owns_socket(self, local_port: int) -> bool:
        """Whether this process holds the TCP socket with this local port (Linux: /proc)."""
        inodes = _socket_inodes(local_port)
        if not inodes or not self.alive():
            return False
        fd_dir = Path(f"/proc/{self.pid}/fd")
        with contextlib.suppress(FileNotFoundError, PermissionError):
            for fd in fd_dir.iterdir():
                with contextlib.suppress(FileNotFoundError, OSError):
                    if os.readlink(fd) in {f"socket:[{inode}]" for inode in inodes}:
                        return True
        return False


def _socket_inodes(local_port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == local_port:
                    inodes.add(fields[9])
    return inodes


def bot_environment(**settings: Any) -> dict[str, str]:
    """A bot process's whole environment: its settings, and nothing else of ours."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "LANG": "C.UTF-8",
    }
    env.update({key: str(value) for key, value in settings.items()})
    return env
