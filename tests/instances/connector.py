"""The fake Bot Connector of tests/fakes, with a gate for the outbox worker's calls.

While the gate is closed, calls from the outbox worker (the bot's own aiohttp client; botbuilder's turn
replies go through msrest and pass) wait at the door, before the connector has handled them. When the
gate opens, a held call whose sender has died meanwhile is dropped, as a request that never reached
the service; the others are answered as usual. So a test can kill an instance while it has claimed
messages in flight, and know the connector never saw them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web

from tests.fakes.servers import FakeConnector, Sent


@dataclass
class Held:
    request: web.Request
    peer_port: int  # the sender's end of the connection: tells which process sent it

    @property
    def sender_gone(self) -> bool:
        transport = self.request.transport
        return transport is None or transport.is_closing()


def from_outbox_worker(user_agent: str) -> bool:
    """Our Sender (aiohttp's own User-Agent), not botbuilder's connector client (msrest)."""
    return "aiohttp" in user_agent and "msrest" not in user_agent


class GatedConnector(FakeConnector):
    def __init__(self) -> None:
        super().__init__()
        self.held: list[Held] = []
        self.dropped: list[Held] = []
        self._gate: asyncio.Event | None = None

    def close_gate(self) -> None:
        self._gate = asyncio.Event()

    def open_gate(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.set()

    async def _record(self, request: web.Request) -> web.Response:
        gate = self._gate
        if gate is None or not from_outbox_worker(request.headers.get("User-Agent", "")):
            return await super()._record(request)
        peer = request.transport.get_extra_info("peername") if request.transport else None
        held = Held(request, int(peer[1]) if peer else 0)
        self.held.append(held)
        try:
            await gate.wait()
        except asyncio.CancelledError:  # the server gave up on the dead connection first
            self.dropped.append(held)
            raise
        finally:
            self.held.remove(held)
        if held.sender_gone:
            self.dropped.append(held)
            return web.Response(status=503)  # nobody reads it: the connection is gone
        return await super()._record(request)

    def worker_calls(self) -> list[Sent]:
        """The calls the outbox worker made that the connector handled successfully."""
        return [call for call in self.sent if call.status == 200 and from_outbox_worker(call.user_agent)]
