"""Big images and everyone else: other users' turn latency while one pupil sends large photos.

    python -m bench.images [--others 10] [--turns 10] [--messages 3] [--photos 5] [--side 6300]

The bot runs in its own process (`bench.bot_server`, SQLite). This process plays Teams (OpenID server,
signed tokens, a fake Bot Connector that also serves the photos on the service host, as Teams serves
inline images). The connector speaks https with a throwaway test CA that only the bot process trusts,
since the bot sends its token for an inline image to an https service host only. A pupil opens a case
and then sends `--messages` messages of `--photos` JPEGs of `--side`² pixels (under the byte and pixel
caps), one message after another; meanwhile `--others` users each ask `help` over and over. Compared
with the same users' turns without the photos. Prints figures; never fails on a timing (target: others'
p99 under 200 ms while the photos are handled).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import ssl
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiohttp import web
from PIL import Image

from bench.figures import cpu_seconds_of, median, memory_of, mib, ms, percentile, table
from bench.http import Harness, TimingConnector, User
from bench.workload import ROOT
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.graph.fakes import make_certificates

TARGET_P99 = 0.200
REPORT = {"category": "cyberpesten", "description": "Ze sturen nare berichten.", "in_danger": "nee"}


class PhotoConnector(TimingConnector):
    """The timing connector that also serves `GET /v3/attachments/...` (the photo bytes) and keeps the
    cards the bot sent (the report form)."""

    def __init__(self, photo: bytes, ssl_context: ssl.SSLContext) -> None:
        super().__init__(ssl_context)
        self.photo = photo
        self.cards: list[dict[str, Any]] = []

    async def _record(self, request: web.Request) -> web.Response:
        if request.method == "GET" and request.path.startswith("/v3/attachments/"):
            return web.Response(body=self.photo, content_type="image/jpeg")
        body = await request.json() if request.can_read_body else {}
        arrived = time.perf_counter()
        self.calls += 1
        if body.get("type") == "message":
            waiter = self.waiting.pop(body.get("replyToId") or request.path.rsplit("/", 1)[-1], None)
            if waiter is not None and not waiter.done():
                waiter.set_result(arrived)
            if body.get("attachments"):
                self.cards.append(body)
        return web.json_response({"id": f"reply-{self.calls}"})


def camera_photo(side: int) -> bytes:
    """A photo-like JPEG: smooth noise, so it is neither trivially small nor above the 5 MB cap."""
    noise = Image.effect_noise((max(1, side // 9), max(1, side // 9)), 60).convert("RGB")
    out = io.BytesIO()
    noise.resize((side, side), Image.Resampling.BICUBIC).save(out, format="JPEG", quality=40)
    return out.getvalue()


async def timed(harness: Harness, url: str, activity: dict[str, Any]) -> float | None:
    """POST → the reply message at the connector, in seconds; None when no reply came."""
    waiter = harness.connector.expect(activity["id"])
    start = time.perf_counter()
    status = await harness.post(url, activity)
    try:
        arrived = await asyncio.wait_for(waiter, 60)
    except TimeoutError:
        return None
    return arrived - start if status in (200, 201) else None


async def asker(
    harness: Harness, url: str, user: User, turns: int, until: asyncio.Event | None
) -> list[float]:
    """`help` again and again: `turns` times, and on until `until` is set."""
    found: list[float] = []
    while len(found) < turns or (until is not None and not until.is_set()):
        activity = teams_message(
            "help", service_url=harness.connector.url, user=user.name, tenant=user.tenant
        )
        took = await timed(harness, url, activity)
        found.append(float("inf") if took is None else took)  # no reply: counted as the slowest
    return found


async def open_case(harness: Harness, connector: PhotoConnector, url: str, pupil: User) -> None:
    service = harness.connector.url
    common = {"service_url": service, "user": pupil.name, "tenant": pupil.tenant}
    await harness.post(url, execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, **common))
    await harness.post(url, teams_message("meld", **common))
    form = connector.cards[-1]
    card = form["attachments"][0]["content"]
    [token] = [a["data"][FORM_TOKEN] for a in card["actions"] if a.get("verb") == Verb.SUBMIT_REPORT]
    await harness.post(url, execute_action(Verb.SUBMIT_REPORT, {FORM_TOKEN: token, **REPORT}, **common))


async def send_photos(harness: Harness, url: str, pupil: User, args: argparse.Namespace) -> list[float]:
    base = harness.connector.url.rstrip("/")
    turns = []
    for message in range(args.messages):
        activity = teams_message("", service_url=harness.connector.url, user=pupil.name, tenant=pupil.tenant)
        activity["attachments"] = [
            {
                "contentType": "image/jpeg",
                "contentUrl": f"{base}/v3/attachments/m{message}p{n}/views/original",
            }
            for n in range(args.photos)
        ]
        took = await timed(harness, url, activity)
        turns.append(float("nan") if took is None else took)
    return turns


async def run(args: argparse.Namespace) -> str:
    with tempfile.TemporaryDirectory(prefix="magdit-bench-tls-") as folder:
        certificates = make_certificates(Path(folder))
        connector = PhotoConnector(camera_photo(args.side), certificates.server_context())
        # The bot's aiohttp (ssl default context) and requests (botbuilder's replies) trust the test CA.
        trust = {"SSL_CERT_FILE": str(certificates.ca_file), "REQUESTS_CA_BUNDLE": str(certificates.ca_file)}
        return await measure(args, connector, {**os.environ, **trust})


async def measure(args: argparse.Namespace, connector: PhotoConnector, env: dict[str, str]) -> str:
    harness = Harness(argparse.Namespace(conversations=args.others + 1, store="sqlite", max_seconds=900))
    harness.connector = connector
    async with harness:
        tenants = json.dumps(harness.tenants)
        metadata = harness.openid.metadata_url
        command = [
            sys.executable,
            "-m",
            "bench.bot_server",
            "magdit",
            "--openid-url",
            metadata,
            "--tenants",
            tenants,
        ]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        try:
            assert process.stdout is not None  # noqa: S101 piped
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            url = f"http://127.0.0.1:{int(line.split()[1])}/api/messages"
            users = harness.users("magdit")
            pupil, others = users[0], users[1:]
            await asyncio.gather(*(harness._choose_role(url, user) for user in others))
            await open_case(harness, connector, url, pupil)
            await asyncio.gather(*(asker(harness, url, u, 2, None) for u in others))  # warm-up
            quiet = await asyncio.gather(*(asker(harness, url, u, args.turns, None) for u in others))
            memory_before = memory_of(process.pid)
            cpu_before = cpu_seconds_of(process.pid)
            done = asyncio.Event()
            loaded_task = asyncio.gather(*(asker(harness, url, u, args.turns, done) for u in others))
            pupil_turns = await send_photos(harness, url, pupil, args)
            done.set()
            loaded = await loaded_task
            cpu = cpu_seconds_of(process.pid) - cpu_before
            memory = memory_of(process.pid)
        finally:
            if process.stdin is not None:
                process.stdin.close()
            await asyncio.wait_for(process.wait(), 20)
    return figures(args, len(connector.photo), quiet, loaded, pupil_turns, cpu, memory_before, memory)


def figures(
    args: argparse.Namespace,
    photo_bytes: int,
    quiet: Sequence[list[float]],
    loaded: Sequence[list[float]],
    pupil_turns: list[float],
    cpu: float,
    before: dict[str, int],
    after: dict[str, int],
) -> str:
    rows = []
    for label, runs in (("others, no photos", quiet), ("others, while the photos are handled", loaded)):
        flat = [took for turns in runs for took in turns]
        rows.append([label, str(len(flat)), ms(median(flat)), ms(percentile(flat, 0.99)), ms(max(flat))])
    p99 = percentile([took for turns in loaded for took in turns], 0.99)
    verdict = "met" if p99 < TARGET_P99 else "NOT met"
    return "\n".join(
        [
            f"One pupil: {args.messages} messages of {args.photos} JPEGs, {args.side}x{args.side} px, "
            f"{photo_bytes / 1e6:.1f} MB each; {args.others} other users asking `help`.",
            table(rows, ["turns of", "n", "p50", "p99", "max"]),
            f"pupil's photo turns (POST -> reply): {', '.join(ms(t) for t in pupil_turns)}",
            f"bot CPU during the photos: {cpu:.1f} s; bot RSS {mib(before.get('VmRSS'))} before, "
            f"{mib(after.get('VmRSS'))} after, peak {mib(after.get('VmHWM'))}",
            f"target: others' p99 under {ms(TARGET_P99)} while the photos are handled: {verdict} ({ms(p99)})",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--others", type=int, default=10)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--messages", type=int, default=3)
    parser.add_argument("--photos", type=int, default=5)
    parser.add_argument("--side", type=int, default=6300)
    print(asyncio.run(run(parser.parse_args(argv))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
