"""The yardstick: a bare Litestar app on the service's own paths, in the same virtual
environment and under the same server setup as ``samverkan serve``.

Each endpoint does the least an endpoint can: decode the same body into a typed msgspec
Struct, do the one computation, and answer with a body of the same size as the service's (the
service's own answer, recorded by the harness at the start of the run, re-encoded per request):

- ``GET …/{agreement}/ladder?on=``: parses the date, returns the recorded ladder;
- ``POST …/{agreement}/cost-split``: splits the amount in halves by largest remainder;
- ``POST …/{agreement}/sip-check``: lists the SIP fields left empty;
- ``POST /api/v1/disputes`` and ``POST /api/v1/placements/{id}/costs``: insert and commit one
  row through plain ``sqlite3`` (WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE`` … ``COMMIT``);
- ``GET /health``.

Served with uvicorn, one process, the same HTTP implementation, keep-alive, read deadlines and
(when ``--deadlines``) the service's own protocol classes; the event loop is uvicorn's choice
("auto"), as for the service.

Run: ``python -m bench.yardstick --port 8001 --answers answers.json --database bare.db``
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import secrets
import sqlite3
from fractions import Fraction
from pathlib import Path
from typing import Any

import msgspec
import uvicorn
from litestar import Litestar, get, post


class SplitBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    amount_ore: int
    method: str
    shares: dict[str, float] | None = None
    amounts_ore: dict[str, int] | None = None
    schablon_reason: str = ""
    on: dt.date | None = None


class Sip(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    kind: str = "sip"
    consent: bool | None = None
    needs: str | None = None
    responsibilities: str | None = None
    others_measures: str | None = None
    overall_responsibility: str | None = None
    goal: str | None = None
    wishes: str | None = None
    performers: str | None = None
    school_occupation: str | None = None
    follow_up: str | None = None
    who_does_what: str | None = None


class SipBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    context: str
    sip: Sip
    on: dt.date | None = None


class DisputeBody(msgspec.Struct, kw_only=True):
    agreement: str
    municipality: str
    subject: str
    title: str
    description: str = ""


class CostBody(msgspec.Struct, kw_only=True):
    period_from: dt.date
    period_to: dt.date
    amount_ore: int
    paid_by: str
    invoice_ref: str
    note: str = ""


def halves(total: int) -> dict[str, int]:
    exact = {"region": total * Fraction(1, 2), "municipality": total * Fraction(1, 2)}
    parts = {p: math.floor(v) for p, v in exact.items()}
    for party in sorted(exact, key=lambda p: -(exact[p] - parts[p]))[: total - sum(parts.values())]:
        parts[party] += 1
    return parts


def create_app(answers: dict[str, Any], database: Path) -> Litestar:
    conn = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
        "body TEXT NOT NULL, created_at TEXT NOT NULL)"
    )

    def insert(kind: str, body: str) -> str:
        ident = secrets.token_hex(8)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO rows (id, kind, body, created_at) VALUES (?, ?, ?, ?)",
            [ident, kind, body, dt.datetime.now(dt.UTC).isoformat()],
        )
        conn.execute("COMMIT")
        return ident

    @get("/health")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "today": dt.date.today(), "agreements": []}

    @get("/api/v1/agreements/{agreement_id:str}/ladder")
    async def ladder(agreement_id: str, on: dt.date | None = None) -> dict[str, Any]:
        return answers.get("ladder", {})

    @post("/api/v1/agreements/{agreement_id:str}/cost-split", status_code=200)
    async def cost_split(agreement_id: str, data: SplitBody) -> dict[str, Any]:
        return {**answers.get("cost-split", {}), "amounts_ore": halves(data.amount_ore)}

    @post("/api/v1/agreements/{agreement_id:str}/sip-check", status_code=200)
    async def sip_check(agreement_id: str, data: SipBody) -> dict[str, Any]:
        empty = [f for f in Sip.__struct_fields__ if getattr(data.sip, f) in (None, "")]
        return {**answers.get("sip-check", {}), "complete": not empty}

    @post("/api/v1/disputes", status_code=201)
    async def open_dispute(data: DisputeBody) -> dict[str, Any]:
        ident = insert("dispute", data.title)
        return {**answers.get("open dispute", {}), "id": f"dsp_{ident}"[: len("dsp_") + 16]}

    @post("/api/v1/placements/{placement_id:str}/costs", status_code=201)
    async def add_cost(placement_id: str, data: CostBody) -> dict[str, Any]:
        ident = insert("cost", data.invoice_ref)
        return {**answers.get("record cost entry", {}), "id": f"cst_{ident}"[: len("cst_") + 16]}

    return Litestar(
        route_handlers=[health, ladder, cost_split, sip_check, open_dispute, add_cost],
        on_shutdown=[conn.close],
        openapi_config=None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--answers", help="JSON file: the service's recorded answers")
    parser.add_argument("--database", required=True)
    parser.add_argument("--http", choices=("h11", "httptools"), default="httptools")
    parser.add_argument("--keep-alive", type=float, default=5.0)
    parser.add_argument("--header-timeout", type=float, default=10.0)
    parser.add_argument("--body-timeout", type=float, default=60.0)
    parser.add_argument(
        "--deadlines",
        action="store_true",
        help="use the service's protocol classes (its read deadlines) rather than uvicorn's",
    )
    args = parser.parse_args()
    answers = msgspec.json.decode(Path(args.answers).read_bytes()) if args.answers else {}
    app = create_app(answers, Path(args.database))
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": args.port,
        "timeout_keep_alive": args.keep_alive,
        "access_log": False,
        "proxy_headers": False,
        "log_level": "info",  # as the service (its start-up lines)
    }
    if args.deadlines:
        from bench.internals import server_parts

        protocol, config_class = server_parts(args.http)
        config = config_class(
            app,
            http=protocol,
            head_timeout=args.header_timeout,
            body_timeout=args.body_timeout,
            **options,
        )
    else:
        config = uvicorn.Config(app, http=args.http, **options)
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
