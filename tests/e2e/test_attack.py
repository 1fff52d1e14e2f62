"""The attack of issue 9, kept: each defect it found, reproduced against real ``samverkan
serve`` processes over HTTP on 127.0.0.1 (raw sockets where a client misbehaves).

Two servers, both on the service date 2026-03-20, with 2-second read deadlines:

- ``srv``: the repository's config with the h11 protocol;
- ``limited``: the default protocol (httptools) and 8 anonymous requests per address per
  minute.

Valid personnummer are built in code (:func:`tests.test_pnr.number`), never written here.
"""

from __future__ import annotations

import datetime as dt
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from samverkan.access.pnr import contains_personnummer
from tests.support.payloads import BORAS, COST_AGREEMENT, MOLNDAL, cost_entry, dispute, placement
from tests.support.personnummer import number
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e
#: the tests read the service's words in English (its default is Swedish)
ENGLISH = {"Accept-Language": "en"}

TODAY = "2026-03-20"
BASE = (ROOT / "config" / "samverkan.toml").read_text()
VGR = "14"
TIMEOUT = 2.0
PNR10 = number(dt.date(1985, 7, 14), 238, form="10", sep="")
PNR12 = number(dt.date(1985, 7, 14), 238, form="12", sep="")
#: the number sent in disguise (stored nowhere: no other test uses it), and its plain forms
HIDDEN10 = number(dt.date(1990, 2, 3), 417, form="10", sep="")
HIDDEN12 = number(dt.date(1990, 2, 3), 417, form="12", sep="")
LEAKS = [HIDDEN10, HIDDEN12, f"{HIDDEN10[:6]}-{HIDDEN10[6:]}", f"{HIDDEN12[:8]}-{HIDDEN12[8:]}"]


def settings(extra: str) -> str:
    server = f"[server]\nheader_timeout_seconds = {TIMEOUT}\nbody_timeout_seconds = {TIMEOUT}\n"
    return BASE.replace("[server]\n", server + extra) + "\n[sweep]\nenabled = false\n"


@dataclass
class Server:
    proc: ServerProcess
    http: httpx.Client

    @property
    def db(self) -> Path:
        return Path(self.proc.env["SAMVERKAN_DATABASE"])

    def h(self, org: str, **extra: str) -> dict[str, str]:
        return {**self.proc.headers(org), **extra}

    def admin(self) -> dict[str, str]:
        return self.proc.headers(VGR, role="admin", agreements=("vgr", "dalarna"))

    def post(self, path: str, body: dict[str, Any], org: str, **headers: str) -> httpx.Response:
        return self.http.post(path, json=body, headers=self.h(org, **headers))

    def placement(self, **fields: Any) -> httpx.Response:
        made = self.post("/api/v1/placements", placement(**fields), MOLNDAL)
        assert made.status_code == 201, made.text
        return made

    def dispute(self, **fields: Any) -> httpx.Response:
        made = self.post("/api/v1/disputes", dispute(**fields), BORAS)
        assert made.status_code == 201, made.text
        return made

    def files(self) -> list[Path]:
        """The database, its -wal and -shm, and the server's log."""
        found = [p for p in self.db.parent.iterdir() if p.name.startswith(self.db.name)]
        return [*found, self.proc.settled_log()]


def serve(tmp_path_factory: pytest.TempPathFactory, name: str, extra: str) -> Iterator[Server]:
    proc = ServerProcess(
        tmp_path_factory.mktemp(name), settings(extra), env={"SAMVERKAN_TODAY": TODAY}
    ).start()
    try:
        with httpx.Client(base_url=proc.url, timeout=10, headers=ENGLISH) as client:
            yield Server(proc, client)
    finally:
        proc.stop()


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, "attack", 'http = "h11"\nrate_limit_per_minute = 10000\n')


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from serve(tmp_path_factory, "limited", "anonymous_rate_limit_per_minute = 8\n")


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = dict(response.json())
    assert body["status"] == status and body["detail"]
    return body


def fields(body: dict[str, Any]) -> list[str]:
    return [e["field"] for e in body["errors"]]


def sql(db: Path, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        rows = conn.execute(query, params).fetchall()
        conn.commit()
        return rows


# -- 1. the service's own values -------------------------------------------------------------


def copy_dispute(db: Path, source: str, new_id: str) -> None:
    """Store a case under an ID of the first releases' form, as an old database holds it."""
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(disputes)")]
        rest = ", ".join(c for c in columns if c != "id")
        conn.execute(
            f"INSERT INTO disputes (id, {rest}) SELECT ?, {rest} FROM disputes WHERE id = ?",
            (new_id, source),
        )
        events = [row[1] for row in conn.execute("PRAGMA table_info(dispute_events)")]
        kept = ", ".join(c for c in events if c not in ("id", "dispute_id"))
        conn.execute(
            f"INSERT INTO dispute_events (dispute_id, {kept}) "
            f"SELECT ?, {kept} FROM dispute_events WHERE dispute_id = ?",
            (new_id, source),
        )
        conn.commit()


def test_cases_stored_under_old_form_ids_are_readable_and_changeable(srv: Server) -> None:
    made = srv.dispute().json()
    assert made["id"].startswith("dsp_") and not any(c.isdigit() for c in made["id"])
    # the example, and one built to hold a valid number the guard would refuse
    holding = f"dsp_{PNR10}abcdef"
    assert contains_personnummer(holding)
    for old in ("dsp_d337206042454ee8", holding):
        copy_dispute(srv.db, made["id"], old)
        url = f"/api/v1/disputes/{old}"
        read = srv.http.get(url, headers=srv.h(BORAS))
        assert read.status_code == 200, read.text
        assert read.headers["etag"] == f'"{old}.1"' and read.json()["id"] == old
        notice = srv.http.get(f"{url}/notice", headers=srv.h(BORAS))
        assert notice.status_code == 200, notice.text
        listed = srv.http.get(
            "/api/v1/deadlines",
            params={"subject_type": "dispute", "subject_id": old},
            headers=srv.h(BORAS),
        )
        assert listed.status_code == 200, listed.text
        withdrawn = srv.post(
            f"{url}/withdraw", {"reason": "Löst."}, BORAS, **{"If-Match": read.headers["etag"]}
        )
        assert withdrawn.status_code == 200, withdrawn.text
        assert withdrawn.headers["etag"] == f'"{old}.2"'
        assert withdrawn.json()["status"] == "withdrawn"
    # the same ID elsewhere is text like any other: scanned
    refused = srv.post("/api/v1/disputes", dispute(description=f"Se {holding}."), BORAS)
    assert fields(problem(refused, 422)) == ["description"]


def test_a_reference_whose_hex_holds_a_valid_number_is_accepted(srv: Server) -> None:
    ref = f"p-{PNR10}f1e2d3c4b5a69788796a5b"
    assert contains_personnummer(ref) and len(ref) == 2 + 32
    made = srv.placement(individual_ref=ref).json()
    assert made["individual_ref"] == ref
    audit = srv.http.get("/api/v1/audit", params={"individual_ref": ref}, headers=srv.admin())
    assert audit.status_code == 200, audit.text
    assert [r["object_id"] for r in audit.json()["items"]] == [made["id"]]


def test_uuid_idempotency_keys_and_ocr_invoice_numbers_pass(srv: Server) -> None:
    key = f"{PNR12[:8]}-{PNR12[8:]}-4abc-8def-0123456789ab"
    assert contains_personnummer(key)
    uuid.UUID(key)  # a well-formed UUID
    placed = srv.placement()
    entry = cost_entry(invoice_ref=PNR10)  # an OCR number carries a Luhn check digit too
    url = f"/api/v1/placements/{placed.json()['id']}/costs"
    added = srv.post(url, entry, MOLNDAL, **{"Idempotency-Key": key})
    assert added.status_code == 201, added.text
    assert added.json()["invoice_ref"] == PNR10
    # written any other way in invoice_ref, it is read as the personnummer it looks like
    dashed = {**entry, "invoice_ref": f"{PNR10[:6]}-{PNR10[6:]}"}
    refused = srv.post(url, dashed, MOLNDAL, **{"Idempotency-Key": str(uuid.uuid4())})
    assert fields(problem(refused, 422)) == ["invoice_ref"]


# -- 2. money counted once -------------------------------------------------------------------


def test_the_same_cost_entry_twice_with_one_key_is_one_entry(srv: Server) -> None:
    placed = srv.placement().json()
    url = f"/api/v1/placements/{placed['id']}"
    entry = cost_entry(amount_ore=9_300_000, invoice_ref="F-3")
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = srv.post(f"{url}/costs", entry, MOLNDAL, **key)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    again = srv.post(f"{url}/costs", entry, MOLNDAL, **key)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    listed = srv.http.get(f"{url}/costs", headers=srv.h(MOLNDAL)).json()["items"]
    assert [e["id"] for e in listed] == [first.json()["id"]]
    settled = srv.http.get(
        f"{url}/settlement", params={"as_of": "2026-03-31"}, headers=srv.h(MOLNDAL)
    ).json()
    assert [line["invoice_ref"] for line in settled["lines"]] == ["F-3"]
    assert sum(p["paid_ore"] for p in settled["parties"].values()) == 9_300_000
    other = srv.post(f"{url}/costs", {**entry, "amount_ore": 1}, MOLNDAL, **key)
    assert fields(problem(other, 422)) == ["Idempotency-Key"]
    missing = problem(srv.post(f"{url}/costs", entry, MOLNDAL), 400)
    assert fields(missing) == ["Idempotency-Key"]
    assert missing["type"] == "urn:samverkan:problem:idempotency-key-required"
    rows = sql(srv.db, "SELECT COUNT(*) FROM cost_entries WHERE placement_id = ?", (placed["id"],))
    assert rows == [(1,)]
    actions = sql(
        srv.db,
        "SELECT action FROM audit_log WHERE object_id = ? ORDER BY id",
        (placed["id"],),
    )
    assert [a for (a,) in actions].count("cost_entry") == 1
    assert ("replay",) in actions


# -- 3. no lost updates on placements --------------------------------------------------------


def test_placement_changes_need_if_match_and_entries_do_not(srv: Server) -> None:
    made = srv.placement(note="Placerad efter SIP-möte.")
    placed = made.json()
    url = f"/api/v1/placements/{placed['id']}"
    read = srv.http.get(url, headers=srv.h(MOLNDAL))
    assert read.headers["etag"] == made.headers["etag"] == f'"{placed["id"]}.1"'
    assert read.json()["note"] == "Placerad efter SIP-möte."

    ending = {"end_date": "2026-03-31", "joint_planning": "SIP om öppenvård."}
    agreement = COST_AGREEMENT
    for step, body in (("end", ending), ("cost-agreements", agreement)):
        required = problem(srv.post(f"{url}/{step}", body, MOLNDAL), 428)
        assert fields(required) == ["If-Match"]
        stale = srv.post(f"{url}/{step}", body, MOLNDAL, **{"If-Match": '"stale.0"'})
        assert problem(stale, 412)["current_etag"] == read.headers["etag"]

    # a cost entry needs no If-Match, and does not move the placement's ETag
    entry = cost_entry(amount_ore=500, invoice_ref="F-9")
    added = srv.post(f"{url}/costs", entry, MOLNDAL, **{"Idempotency-Key": str(uuid.uuid4())})
    assert added.status_code == 201, added.text
    assert srv.http.get(url, headers=srv.h(MOLNDAL)).headers["etag"] == read.headers["etag"]

    agreed = srv.post(
        f"{url}/cost-agreements", agreement, MOLNDAL, **{"If-Match": read.headers["etag"]}
    )
    assert agreed.status_code == 201, agreed.text
    assert agreed.headers["etag"] == f'"{placed["id"]}.2"'  # the split changed: a new revision
    stale = srv.post(f"{url}/end", ending, MOLNDAL, **{"If-Match": read.headers["etag"]})
    problem(stale, 412)
    ended = srv.post(f"{url}/end", ending, MOLNDAL, **{"If-Match": agreed.headers["etag"]})
    assert ended.status_code == 200, ended.text
    assert ended.headers["etag"] == f'"{placed["id"]}.3"'
    assert sql(srv.db, "SELECT end_date FROM placements WHERE id = ?", (placed["id"],)) == [
        ("2026-03-31",)
    ]


def race(url: str, headers: dict[str, str], bodies: list[dict[str, Any]], base: str) -> list[int]:
    """POST each body to ``url`` at the same moment, from its own connection."""
    gate = threading.Barrier(len(bodies))
    statuses: list[int] = []

    def post(body: dict[str, Any]) -> None:
        with httpx.Client(base_url=base, timeout=10, headers=ENGLISH) as client:
            gate.wait()
            statuses.append(client.post(url, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_of_two_concurrent_ends_one_wins_and_the_other_gets_412(srv: Server) -> None:
    for _ in range(3):
        made = srv.placement()
        url = f"/api/v1/placements/{made.json()['id']}/end"
        headers = srv.h(MOLNDAL, **{"If-Match": made.headers["etag"]})
        ends = [{"end_date": "2026-03-30"}, {"end_date": "2026-03-31"}]
        assert race(url, headers, ends, srv.proc.url) == [200, 412]


def test_a_retried_step_is_a_replay_not_a_412(srv: Server) -> None:
    made = srv.dispute()
    dispute_id = made.json()["id"]
    url = f"/api/v1/disputes/{dispute_id}/escalate"
    body = {"reason": "no_agreement", "clock_started_on": TODAY}
    headers = {"If-Match": made.headers["etag"], "Idempotency-Key": str(uuid.uuid4())}
    first = srv.post(url, body, BORAS, **headers)
    assert first.status_code == 200, first.text
    # the answer was lost; the client retries exactly, with the ETag it had
    again = srv.post(url, body, BORAS, **headers)
    assert again.status_code == 200, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() and again.headers["etag"] == first.headers["etag"]
    history = srv.http.get(f"/api/v1/disputes/{dispute_id}", headers=srv.h(BORAS)).json()
    assert [e["action"] for e in history["history"]].count("escalated") == 1
    # without the key, the same retry is a stale change
    problem(srv.post(url, body, BORAS, **{"If-Match": made.headers["etag"]}), 412)


# -- 4. bounded input ------------------------------------------------------------------------


def test_deep_json_gets_400_before_it_is_parsed(srv: Server) -> None:
    for body in (b"[" * 10_000 + b"]" * 10_000, b'{"a":' * 5_000 + b"1" + b"}" * 5_000):
        answer = srv.http.post(
            "/api/v1/disputes",
            content=body,
            headers=srv.h(BORAS, **{"content-type": "application/json"}),
        )
        refused = problem(answer, 400)
        assert refused["limit"] == 32 and "32" in refused["detail"]
        assert fields(refused) == ["body"]
    assert srv.http.get("/health").status_code == 200
    assert "Traceback" not in srv.proc.settled_log().read_text(errors="replace")
    assert "RecursionError" not in srv.proc.output()


def test_a_number_in_disguise_is_refused_and_stored_nowhere(srv: Server) -> None:
    disguised = {
        "en dash": f"{HIDDEN10[:6]}\u2013{HIDDEN10[6:]}",
        "non-breaking hyphen": f"{HIDDEN10[:6]}\u2011{HIDDEN10[6:]}",
        "zero-width space": f"{HIDDEN10[:3]}\u200b{HIDDEN10[3:6]}-{HIDDEN10[6:]}",
        "zero-width joiner": f"{HIDDEN12[:8]}\u200d{HIDDEN12[8:]}",
        "fullwidth digits": "".join(chr(0xFF10 + int(c)) for c in HIDDEN10),
        "Arabic-Indic digits": "".join(chr(0x0660 + int(c)) for c in HIDDEN12),
        "spaced": f"{HIDDEN10[:2]} {HIDDEN10[2:4]} {HIDDEN10[4:6]}-{HIDDEN10[6:]}",
        "dot": f"{HIDDEN10[:6]}.{HIDDEN10[6:]}",
        "slash": f"{HIDDEN10[:6]}/{HIDDEN10[6:]}",
    }
    for name, text in disguised.items():
        body = dispute(description=f"Gäller patient {text} i hemsjukvården.")
        refused = problem(srv.post("/api/v1/disputes", body, BORAS), 422)
        assert fields(refused) == ["description"], name
        assert text not in refused["detail"]
    for path in srv.files():
        raw = path.read_bytes()
        for form in [*LEAKS, *disguised.values()]:
            assert form.encode() not in raw, f"{form!r} in {path.name}"


def test_a_forged_path_writes_one_log_line(srv: Server) -> None:
    marker = f"FORGED{uuid.uuid4().hex[:8]}"
    forged = f"/api/v1/disputes/x%0d%0aINFO%20-%20{marker}%20LINE"
    srv.http.get(forged, headers=srv.h(BORAS))
    srv.http.get(f"/api/v1/disputes/nul%00{marker}byte", headers=srv.h(BORAS))
    srv.http.get(f"/api/v1/disputes/bidi%E2%80%AE{marker}", headers=srv.h(BORAS))
    deadline = time.monotonic() + 5  # the log is written in batches (FLUSH_SECONDS)
    while True:
        log = srv.proc.log.read_bytes()
        lines = [line for line in log.splitlines() if marker.encode() in line]
        if len(lines) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(lines) == 3, lines
    assert all(b"samverkan.access" in line for line in lines)
    assert b"x\\x0d\\x0aINFO - " in lines[0]
    assert b"\x00" not in log and b"nul\\x00" in lines[1]
    assert "\u202e".encode() not in log and b"bidi\\u202e" in lines[2]


def test_dates_outside_2000_to_2099_are_refused_naming_the_field(srv: Server) -> None:
    placed = srv.placement()
    url = f"/api/v1/placements/{placed.json()['id']}"
    entry = cost_entry(period_to="9999-12-31")
    refused = problem(
        srv.post(f"{url}/costs", entry, MOLNDAL, **{"Idempotency-Key": str(uuid.uuid4())}), 422
    )
    assert fields(refused) == ["period_to"]
    assert "2000-01-01 – 2099-12-31" in refused["errors"][0]["message"]
    ended = srv.post(
        f"{url}/end", {"end_date": "9999-12-31"}, MOLNDAL, **{"If-Match": placed.headers["etag"]}
    )
    assert fields(problem(ended, 422)) == ["end_date"]
    arrangement = {"started_on": "1999-12-31", "description": "Kommunen."}
    early = srv.post(
        "/api/v1/disputes",
        dispute(individual_ref="p-0123456789abcdef", temporary_arrangement=arrangement),
        BORAS,
    )
    assert fields(problem(early, 422)) == ["temporary_arrangement.started_on"]
    for path, params in (
        ("/api/v1/agreements/vgr/ladder", {"on": "9999-12-31"}),
        ("/api/v1/agreements/vgr/deadlines/acute_cost_agreement", {"from": "0001-01-01"}),
    ):
        query = problem(srv.http.get(path, params=params), 422)
        assert fields(query) == list(params) and "2099-12-31" in query["detail"]
    listed = srv.http.get(
        "/api/v1/placements", params={"active_on": "2100-01-01"}, headers=srv.h(MOLNDAL)
    )
    assert fields(problem(listed, 422)) == ["active_on"]
    assert sql(srv.db, "SELECT COUNT(*) FROM cost_entries WHERE period_to > '2099-12-31'") == [(0,)]


def test_control_characters_and_bidi_overrides_are_refused(srv: Server) -> None:
    base = dispute()
    for field, value in (
        ("title", "Ansvar\x00"),
        ("title", "Ansvar \u202eraVsna"),
        ("title", "Två\nrader"),
        ("description", "Escape \x1b[31m"),
        ("description", "Isolat \u2066x\u2069"),
    ):
        refused = problem(srv.post("/api/v1/disputes", {**base, field: value}, BORAS), 422)
        assert fields(refused) == [field], value
        assert "U+" in refused["errors"][0]["message"]
    # several lines and tabs are text where text has lines
    fine = srv.post("/api/v1/disputes", {**base, "description": "Rad ett\nRad två\tflik"}, BORAS)
    assert fine.status_code == 201, fine.text
    person = srv.http.get(
        "/api/v1/disputes", headers=srv.h(BORAS, **{"X-Actor-Person": "Anna%0AFalsk"})
    )
    assert fields(problem(person, 422)) == ["x-actor-person"]
    assert problem(person, 422)["errors"][0]["in"] == "header"
    stored = sql(srv.db, "SELECT COUNT(*) FROM disputes WHERE instr(title, char(0)) > 0")
    assert stored == [(0,)]


def test_trace_gets_405_with_allow(srv: Server) -> None:
    answer = srv.http.request("TRACE", "/api/v1/disputes", headers=srv.h(BORAS))
    problem(answer, 405)
    assert {m.strip() for m in answer.headers["allow"].split(",")} >= {"GET", "POST"}


# -- 5. timeouts and limits ------------------------------------------------------------------


def send_slowly(sock: socket.socket, data: bytes) -> bytes:
    """Send ``data`` one byte a second until the server answers (or closes); its answer."""
    answer = b""
    for byte in data:
        try:
            sock.sendall(bytes([byte]))
        except OSError:  # closed while we were still sending
            break
        sock.settimeout(1.0)
        try:
            answer = sock.recv(4096)
            break
        except TimeoutError:
            continue
    sock.settimeout(5)
    try:
        while chunk := sock.recv(4096):
            answer += chunk
    except OSError:
        pass
    return answer


def trickle(port: int, head: bytes, body: bytes = b"") -> tuple[float, bytes]:
    """Send ``head`` one byte a second (or in full, then ``body`` a byte a second): the seconds
    until the server answered and closed, and the answer."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        if body:
            sock.sendall(head)
        answer = send_slowly(sock, body or head)
    return time.monotonic() - started, answer


def idle(port: int) -> tuple[float, bytes]:
    """Connect and send nothing: the seconds until the server answered and closed."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answer = sock.recv(4096)
    return time.monotonic() - started, answer


def answered_then_trickle(port: int, head: bytes) -> tuple[float, bytes]:
    """One request answered on a keep-alive connection, then the next sent a byte a second:
    the seconds from its first byte until the server answered and closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        first = b""
        while not first.endswith(b"}"):
            first += sock.recv(4096)
        assert first.startswith(b"HTTP/1.1 200"), first
        started = time.monotonic()
        answer = send_slowly(sock, head)
    return time.monotonic() - started, answer


@pytest.mark.parametrize("which", ["srv", "limited"], ids=["h11", "httptools"])
def test_a_slow_client_is_disconnected_within_the_timeout(
    which: str, request: pytest.FixtureRequest
) -> None:
    server: Server = request.getfixturevalue(which)
    port = server.proc.port
    head = b"GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"x" * 40 + b"\r\n\r\n"
    post = (
        b"POST /api/v1/agreements/vgr/cost-split HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/json\r\nContent-Length: 60\r\n\r\n"
    )
    body = b'{"amount_ore": 100, "method": "schablon"}' + b" " * 19
    with ThreadPoolExecutor(4) as pool:  # a header byte a second; a body byte; nothing; later
        slow_head = pool.submit(trickle, port, head)
        slow_body = pool.submit(trickle, port, post, body)
        silent = pool.submit(idle, port)
        second = pool.submit(answered_then_trickle, port, head)
        results = [slow_head.result(), slow_body.result(), silent.result(), second.result()]
        for took, answer in results:
            assert answer.startswith(b"HTTP/1.1 408"), answer
            assert TIMEOUT - 0.2 <= took <= TIMEOUT + 1.5, took
    assert "the request head did not arrive within 2 s" in server.proc.output()
    assert "the request body did not arrive within 2 s" in server.proc.output()


def test_a_healthy_keep_alive_connection_is_not_cut(srv: Server) -> None:
    with httpx.Client(base_url=srv.proc.url, timeout=10, headers=ENGLISH) as client:
        for _ in range(3):
            assert client.get("/health").status_code == 200
            time.sleep(TIMEOUT * 0.75)  # idle, within keep-alive


def test_anonymous_traffic_is_limited_per_address(limited: Server) -> None:
    answers = [limited.http.get("/api/v1/agreements").status_code for _ in range(10)]
    assert 200 in answers and answers[-1] == 429, answers
    assert answers.count(200) <= 8
    limited_answer = limited.http.get("/api/v1/agreements/vgr")
    body = problem(limited_answer, 429)
    assert body["title"] == "Too many requests from this address"
    assert 1 <= int(limited_answer.headers["retry-after"]) <= 60
    # a wrong key is anonymous traffic too: 429 now rather than 401
    wrong = limited.http.get("/api/v1/disputes", headers={"Authorization": "Bearer smv_nope"})
    problem(wrong, 429)
    # a valid key has its own budget
    assert limited.http.get("/api/v1/disputes", headers=limited.h(BORAS)).status_code == 200
    # and another address has its own
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(
        base_url=limited.proc.url, transport=transport, timeout=10, headers=ENGLISH
    ) as other:
        assert other.get("/api/v1/agreements").status_code == 200
