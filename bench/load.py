"""Load on loopback: wrk when it is installed, else a bounded pure-Python generator.

wrk comes from the OS packages (Debian/Ubuntu: ``apt-get install -y wrk``). Both generators
take the same :class:`Request` templates, keep a fixed number of keep-alive connections open,
stop after a duration or a number of requests, and report requests/s, p50, p99 and errors
(socket errors and answers outside 2xx/3xx). Templates are sent round-robin; one marked
``fresh_key`` gets a new ``Idempotency-Key`` on every send.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

WRK_HINT = "wrk is not installed (Debian/Ubuntu: apt-get install -y wrk); using the Python load"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    fresh_key: bool = False

    def all_headers(self) -> list[tuple[str, str]]:
        base = [("Host", "127.0.0.1")]
        if self.body:
            base.append(("Content-Type", "application/json"))
        return base + list(self.headers)

    def raw(self, key: str = "") -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1"]
        lines += [f"{name}: {value}" for name, value in self.all_headers()]
        if self.fresh_key:
            lines.append(f"Idempotency-Key: {key}")
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


@dataclass
class Result:
    tool: str
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    #: the server's CPU time per answered request (µs), when the caller measured it
    cpu_us: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def choose(tool: str) -> str:
    """``auto``: wrk if installed, else python (saying so once)."""
    if tool == "auto":
        if shutil.which("wrk"):
            return "wrk"
        print(f"NOTE: {WRK_HINT}", flush=True)
        return "python"
    if tool == "wrk" and not shutil.which("wrk"):
        raise SystemExit(WRK_HINT.split(";")[0])
    return tool


def run(
    tool: str,
    port: int,
    requests: list[Request],
    *,
    connections: int,
    seconds: float = 0.0,
    count: int = 0,
    threads: int = 1,
) -> Result:
    """Send ``requests`` round-robin for ``seconds`` or until ``count`` answers (whichever
    is given) over ``connections`` keep-alive connections. A run bounded by ``count`` always
    uses the Python generator (wrk runs for its duration whatever its script does)."""
    if not seconds and not count:
        raise ValueError("give seconds or count")
    if tool == "wrk" and not count:
        return _wrk(port, requests, connections, seconds, threads)
    return asyncio.run(_python(port, requests, connections, seconds, count))


# -- wrk --------------------------------------------------------------------------------------


def _lua(value: str | bytes) -> str:
    """A Lua string literal (decimal escapes for anything outside printable ASCII)."""
    data = value.encode() if isinstance(value, str) else value
    out = []
    for byte in data:
        char = chr(byte)
        if char in '"\\' or byte < 32 or byte > 126:
            out.append(f"\\{byte:03d}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_LUA_BODY = """
thread_id = 0
local counter = 0
local count = 0
function setup(thread)
  count = count + 1
  thread:set("thread_id", count)
end
function request()
  counter = counter + 1
  local t = templates[(counter + thread_id) %% #templates + 1]
  local headers = t.headers
  if t.fresh then
    headers = {}
    for k, v in pairs(t.headers) do headers[k] = v end
    headers["Idempotency-Key"] = "%(prefix)s-" .. thread_id .. "-" .. counter
  end
  return wrk.format(t.method, t.path, headers, t.body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-JSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"socket\\": %%d, " ..
    "\\"status\\": %%d, \\"p50_us\\": %%d, \\"p99_us\\": %%d}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(99)))
end
"""


def _wrk_script(requests: list[Request]) -> str:
    rows = []
    for r in requests:
        headers = ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in r.all_headers())
        rows.append(
            f"  {{method = {_lua(r.method)}, path = {_lua(r.path)}, body = {_lua(r.body)}, "
            f"headers = {{{headers}}}, fresh = {'true' if r.fresh_key else 'false'}}},"
        )
    prefix = f"bench{time.time_ns()}"
    body = _LUA_BODY % {"prefix": prefix}
    return "templates = {\n" + "\n".join(rows) + "\n}\n" + body


def _wrk(
    port: int, requests: list[Request], connections: int, seconds: float, threads: int
) -> Result:
    threads = max(1, min(threads, connections))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_wrk_script(requests))
    try:
        done = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(script.name).unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.removeprefix("BENCH-JSON "))
    return Result(
        "wrk",
        data["requests"],
        data["duration_us"] / 1e6,
        data["socket"] + data["status"],
        data["p50_us"] / 1000,
        data["p99_us"] / 1000,
        {"non-2xx/3xx": data["status"], "socket errors": data["socket"]},
    )


# -- the Python fallback ------------------------------------------------------------------------

TIMEOUT = 10.0  # seconds a single answer may take before the connection counts as failed


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; returns its status and whether the server closes the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, chunked, close = 0, False, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, close


async def _python(
    port: int, requests: list[Request], connections: int, seconds: float, count: int
) -> Result:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    errors = 0
    budget = [count]
    deadline = time.monotonic() + seconds if seconds else float("inf")
    prefix = f"bench{time.time_ns()}"

    async def connection(number: int) -> None:
        nonlocal errors
        reader = writer = None
        sent = number
        while time.monotonic() < deadline:
            if count:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            template = requests[sent % len(requests)]
            raw = template.raw(f"{prefix}-{number}-{sent}")
            sent += connections
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                started = time.perf_counter()
                writer.write(raw)
                status, close = await asyncio.wait_for(_answer(reader), TIMEOUT)  # type: ignore[arg-type]
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                errors += 1
                statuses["socket errors"] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            latencies.append(time.perf_counter() - started)
            statuses[str(status)] += 1
            if not 200 <= status < 400:
                errors += 1
            if close:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection(i) for i in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pick(q: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
        )

    return Result("python", len(latencies), elapsed, errors, pick(0.50), pick(0.99), dict(statuses))
