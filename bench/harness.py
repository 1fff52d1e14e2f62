"""What every benchmark shares: the service and the yardstick as processes, sizes, interleaved
rounds, and figures printed as ratios against their targets.

The service is driven from outside only: ``samverkan serve`` from this virtual environment with
a TOML file written here and ``SAMVERKAN_DATABASE`` / ``SAMVERKAN_TODAY`` in its environment;
keys come from ``samverkan keys create``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
#: the rate limits the service runs with here (the highest the config allows), per minute
RATE_LIMIT = 1_000_000
#: the sweep's interval here: its start-up round runs, then none inside a measurement
SWEEP_INTERVAL = 3600


def samverkan_command() -> str:
    beside = Path(sys.executable).with_name("samverkan")
    found = str(beside) if beside.exists() else shutil.which("samverkan")
    if not found:
        raise SystemExit("samverkan is not installed: pip install -e . in this venv")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def health_ok(port: int) -> bool:
    """One raw ``GET /health`` (cheaper than a client library while polling)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


class Process:
    """A server process on a free port; :meth:`start` returns seconds to the first 200 on
    ``/health``."""

    name = "server"

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = workdir / f"{self.name}-{self.port}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def start(self, timeout: float = 60.0) -> float:
        with self.log.open("ab") as log:
            started = time.perf_counter()
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT
            )
        while time.perf_counter() - started < timeout:
            if health_ok(self.port):
                return time.perf_counter() - started
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.proc.returncode}:\n{self.output()}")
            time.sleep(0.005)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer /health in {timeout}s:\n{self.output()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def rss_kib(self) -> int:
        assert self.proc is not None
        return rss_kib(self.proc.pid)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


class Service(Process):
    """``samverkan serve`` with the bench's config: all four agreements, the rate limits raised
    to :data:`RATE_LIMIT` per minute, the sweep every :data:`SWEEP_INTERVAL` seconds."""

    name = "service"

    def __init__(
        self, workdir: Path, http: str = "httptools", today: str = TODAY, database: str = ""
    ):
        super().__init__(workdir)
        self.http = http
        self.today = today
        self.database = database or str(workdir / "service.db")
        self.config = workdir / f"service-{self.port}.toml"
        self.config.write_text(
            'enabled = ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]\n\n'
            "[server]\n"
            f'host = "127.0.0.1"\nport = {self.port}\nhttp = "{http}"\n'
            f"rate_limit_per_minute = {RATE_LIMIT}\n"
            f"anonymous_rate_limit_per_minute = {RATE_LIMIT}\n"
            "header_timeout_seconds = 10\nbody_timeout_seconds = 60\nkeep_alive_seconds = 5\n\n"
            f"[sweep]\ninterval_seconds = {SWEEP_INTERVAL}\n"
        )

    def command(self) -> list[str]:
        return [samverkan_command(), "--config", str(self.config), "serve"]

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SAMVERKAN_DATABASE": self.database,
            "SAMVERKAN_TODAY": self.today,
        }

    def key(self, org: str, role: str = "party", agreements: str = "") -> str:
        """A new API key, made with ``samverkan keys create``."""
        command = [samverkan_command(), "--config", str(self.config), "keys", "create"]
        command += ["--org", org, "--role", role, "--label", f"bench {org}"]
        if agreements:
            command += ["--agreements", agreements]
        done = subprocess.run(command, env=self.env(), capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1].strip()


class Bare(Process):
    """The yardstick app (:mod:`bench.yardstick`) under the service's server setup."""

    name = "bare"

    def __init__(
        self,
        workdir: Path,
        http: str = "httptools",
        answers: Path | None = None,
        deadlines: bool = True,
    ):
        super().__init__(workdir)
        self.http = http
        self.answers = answers
        self.deadlines = deadlines
        self.database = workdir / "bare.db"

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "bench.yardstick", "--port", str(self.port)]
        command += ["--database", str(self.database), "--http", self.http]
        command += ["--keep-alive", "5", "--header-timeout", "10", "--body-timeout", "60"]
        if self.answers:
            command += ["--answers", str(self.answers)]
        if self.deadlines:
            command.append("--deadlines")
        return command


@contextmanager
def running(*processes: Process) -> Iterator[None]:
    """Start the processes not yet running; stop them all on leaving."""
    try:
        for process in processes:
            if process.proc is None:
                process.start()
        yield
    finally:
        for process in processes:
            process.stop()


# -- command line ---------------------------------------------------------------------------


def parser(doc: str, sizes: dict[str, dict[str, Any]]) -> argparse.ArgumentParser:
    """The options every benchmark takes; ``sizes`` maps ``tiny``/``full`` to its settings,
    each of which can also be given on its own (``--rounds 3``)."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--size", choices=sorted(sizes), default="full")
    p.add_argument("--load", choices=("auto", "wrk", "python"), default="auto")
    p.add_argument("--http", choices=("h11", "httptools"), default="httptools")
    p.add_argument("--workdir", help="where the databases go (default: a new temporary folder)")
    p.add_argument("--json", help="also write the figures to this file")
    for name, value in sizes["full"].items():
        p.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=None)
    p.set_defaults(_sizes=sizes)
    return p


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The size's settings, with any given one by one on the command line instead."""
    chosen = dict(args._sizes[args.size])
    for name in chosen:
        if getattr(args, name) is not None:
            chosen[name] = getattr(args, name)
    return chosen


@dataclass
class Session:
    """One benchmark's run: its options, its size's settings, the load tool, its folder."""

    args: argparse.Namespace
    size: dict[str, Any]
    tool: str
    where: Path


@contextmanager
def session(
    doc: str, sizes: dict[str, dict[str, Any]], *, loads: bool = False
) -> Iterator[Session]:
    """Parse the command line and hold a folder for the databases (a new temporary one,
    removed afterwards, unless ``--workdir`` names one); ``loads``: the benchmark sends load
    (wrk when installed, else the Python generator)."""
    from bench import load

    args = parser(doc, sizes).parse_args()
    tool = load.choose(args.load) if loads else "-"
    if args.workdir:
        path = Path(args.workdir)
        path.mkdir(parents=True, exist_ok=True)
        yield Session(args, settings(args), tool, path)
        return
    path = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    try:
        yield Session(args, settings(args), tool, path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _filesystem(path: Path) -> str:
    best = ("?", "?", "")
    for line in Path("/proc/mounts").read_text().splitlines():
        device, mount, kind = line.split()[:3]
        if str(path.resolve()).startswith(mount) and len(mount) >= len(best[2]):
            best = (device, kind, mount)
    return f"{best[0]} ({best[1]})"


def header(title: str, run: Session, **extra: Any) -> None:
    """What was measured, where and how: printed before the figures."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("litestar", "uvicorn", "msgspec", "httptools")
    )
    load1 = os.getloadavg()[0]
    print(f"== {title}  (size {run.args.size})")
    print(f"   {dt.datetime.now().isoformat(timespec='seconds')}  commit {commit}")
    print(
        f"   {cpu}, {os.cpu_count()} cores, load average {load1:.2f}; Python {platform.python_version()}"
    )
    print(f"   {versions}; uvloop {'installed' if _version('uvloop') != '-' else 'absent'}")
    print(f"   databases in {run.where} on {_filesystem(run.where)}")
    for name, value in extra.items():
        print(f"   {name}: {value}")
    sys.stdout.flush()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


# -- rounds and figures ----------------------------------------------------------------------


def interleaved(rounds: int, *steps: Callable[[], Any]) -> list[tuple[Any, ...]]:
    """Run every step once per round, starting each round one step further along (A B, B A
    for two; A B C, B C A, C A B for three) so a drift in the machine's load falls on all;
    returns each round's results in the order of ``steps``."""
    results = []
    for number in range(rounds):
        got: list[Any] = [None] * len(steps)
        for offset in range(len(steps)):
            which = (number + offset) % len(steps)
            got[which] = steps[which]()
        results.append(tuple(got))
    return results


@dataclass
class Figure:
    """One figure: per round, the measured value over its yardstick's (the figure is the
    median of those ratios), with the target for the ratio; the medians of each side are shown
    beside it.

    :param target: ``(">=", 0.8)``, ``("<=", 1.25)`` or ``("~", 1.0)`` (``~`` means within
        0.8–1.25).
    """

    name: str
    values: list[float]
    yardsticks: list[float]
    unit: str
    target: tuple[str, float] | None
    note: str = ""
    errors: int = 0
    ratios: list[float] = field(init=False)
    ratio: float = field(init=False)
    value: float = field(init=False)
    yardstick: float = field(init=False)

    def __post_init__(self) -> None:
        self.ratios = [
            v / y if y else float("inf") for v, y in zip(self.values, self.yardsticks, strict=True)
        ]
        self.ratio = statistics.median(self.ratios) if self.ratios else float("nan")
        self.value = statistics.median(self.values)
        self.yardstick = statistics.median(self.yardsticks)

    @property
    def met(self) -> bool:
        if self.target is None:
            return True
        op, goal = self.target
        if op == ">=":
            return self.ratio >= goal
        if op == "<=":
            return self.ratio <= goal
        return 0.8 * goal <= self.ratio <= 1.25 * goal

    def line(self) -> str:
        spread = f"{min(self.ratios):.2f}–{max(self.ratios):.2f}" if len(self.ratios) > 1 else "-"
        if self.target is None:
            goal_text, verdict = "no target", "-"
        else:
            op, goal = self.target
            goal_text = f"target {dict(zip('><~', '≥≤≈', strict=True))[op[0]]} {goal:g}×"
            verdict = "met" if self.met else "MISSED"
        if self.errors:
            verdict += f", {self.errors} ERRORS (figure not valid)"
        text = (
            f"  {self.name:<44} {self.ratio:6.2f}×  (rounds {spread}; "
            f"{_fmt(self.value)} vs {_fmt(self.yardstick)} {self.unit})  "
            f"{goal_text}: {verdict}"
        )
        return text + (f"\n      {self.note}" if self.note else "")


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def report(figures: list[Figure], run: Session, title: str) -> None:
    print(f"-- {title}: each figure the median of its per-round ratios")
    for figure in figures:
        print(figure.line())
    if run.args.json:
        path = Path(run.args.json)
        old = json.loads(path.read_text()) if path.exists() else {}
        old[title] = [asdict(f) for f in figures]
        path.write_text(json.dumps(old, indent=2, ensure_ascii=False))
    sys.stdout.flush()
    if any(f.errors for f in figures):
        raise SystemExit(f"{title}: some requests failed; those figures are not valid")


def load_line(run: Session) -> str:
    size = run.size
    return (
        f"{run.tool}, {size['connections']} connections, {size['rounds']} rounds x "
        f"{size['seconds']:g} s per side (after {size['warmup']:g} s warm-up), interleaved"
    )


def server_line(http: str, limits: str) -> str:
    return f"uvicorn, http={http}, 1 worker; {limits} {RATE_LIMIT}/min (raised for the run)"


def record(process: Process, requests: dict[str, Any], status: int) -> dict[str, bytes]:
    """One answer per named request (:class:`bench.load.Request`), each of ``status``."""
    answers = {}
    with process.client() as client:
        for name, r in requests.items():
            headers = {"content-type": "application/json", **dict(r.headers)}
            if r.fresh_key:
                headers["Idempotency-Key"] = f"bench-record-{name.replace(' ', '-')}"
            answer = client.request(r.method, r.path, content=r.body, headers=headers)
            if answer.status_code != status:
                raise SystemExit(f"{process.name} {name}: {answer.status_code} {answer.text}")
            answers[name] = answer.content
    return answers


def start_bare(run: Session, service: Process, requests: dict[str, Any], status: int) -> Bare:
    """Record the service's answer to each named request, then start the bare app answering
    with those (``bench/yardstick.py`` knows them by these names) and check it does."""
    answers = record(service, requests, status)
    path = run.where / "answers.json"
    path.write_text(json.dumps({k: json.loads(v) for k, v in answers.items()}, ensure_ascii=False))
    bare = Bare(run.where, run.args.http, path)
    bare.start()
    try:
        theirs = record(bare, requests, status)
    except BaseException:
        bare.stop()
        raise
    sizes = ", ".join(f"{k} {len(answers[k])}/{len(theirs[k])}" for k in requests)
    print(f"   answer bytes (service/bare): {sizes}", flush=True)
    return bare


def load_rounds(
    run: Session, service: Process, bare: Process, requests: list[Any]
) -> list[tuple[Any, Any]]:
    """Warm both up, then ``size["rounds"]`` interleaved rounds of ``size["seconds"]`` each at
    ``size["connections"]``: the same requests to the service and to the bare app."""
    from bench import load

    size = run.size

    def hit(process: Process, seconds: float) -> load.Result:
        assert process.proc is not None
        before = cpu_seconds(process.proc.pid)
        got = load.run(
            run.tool, process.port, requests, connections=size["connections"], seconds=seconds
        )
        got.cpu_us = (cpu_seconds(process.proc.pid) - before) / max(1, got.requests) * 1e6
        return got

    hit(service, size["warmup"])
    hit(bare, size["warmup"])
    return interleaved(
        size["rounds"],
        lambda: hit(service, size["seconds"]),
        lambda: hit(bare, size["seconds"]),
    )


def load_figures(
    name: str,
    pairs: list[tuple[Any, Any]],
    rps_target: tuple[str, float] | None,
    p99_target: tuple[str, float] | None,
) -> list[Figure]:
    """Requests/s and p99 of the service over the bare app's, from :func:`load_rounds`."""
    errors = sum(s.errors + b.errors for s, b in pairs)
    ours = statistics.median(s.p50_ms for s, _ in pairs)
    theirs = statistics.median(b.p50_ms for _, b in pairs)
    p50 = f"p50 {ours:.1f} vs {theirs:.1f} ms (medians)"

    def side_by_side(what: str, attribute: str, unit: str, target: Any, **extra: Any) -> Figure:
        ours = [getattr(s, attribute) for s, _ in pairs]
        return Figure(
            f"{name}: {what}",
            ours,
            [getattr(b, attribute) for _, b in pairs],
            unit,
            target,
            **extra,
        )

    figures = [
        side_by_side("requests/s", "rps", "req/s", rps_target, errors=errors),
        side_by_side("p99 latency", "p99_ms", "ms", p99_target, note=p50, errors=errors),
        # steadier than requests/s on a shared machine: what each answer costs the server
        side_by_side("server CPU per request", "cpu_us", "µs", None),
    ]
    for figure in figures:
        print(figure.line(), flush=True)
    return figures


def timed(function: Callable[[], Any], repeat: int) -> float:
    """The median of ``repeat`` timings of ``function``, in seconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)
