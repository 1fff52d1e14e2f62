"""Who may see what, end to end: API keys, tenant isolation, the audit log, the personnummer
guard and the request limits, against real ``samverkan serve`` processes over HTTP on
127.0.0.1, with the real ``samverkan`` command for keys and the audit export.

Two servers, both on the service date 2025-05-15 (so Dalarna's text is still in force):

- ``srv``: the repository's config, a sweep every 0.3 s and a webhook bound to Mölndal
  (``org = "1481"``) delivering to a real receiver in this process;
- ``tight``: 5 requests per key per minute, a 4 KiB body limit and one CORS origin.

Each test makes its own cases, so the shared databases do not couple the tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.personnummer import number
from tests.support.receiver import Receiver
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e
#: the tests read the service's words in English (its default is Swedish)
ENGLISH = {"Accept-Language": "en"}

TODAY = "2025-05-15"
BASE = (ROOT / "config" / "samverkan.toml").read_text()
SECRET = "security-webhook-secret-4b1d"
INDIVIDUAL = "p-5e1f0c3a9b7d2e4f6a8c0b1d3e5f7a9c"
CORS_ORIGIN = "https://intranet.example"
MOLNDAL, PARTILLE, GOTEBORG, BORAS, FALUN, BORLANGE = "1481", "1402", "1480", "1490", "2080", "2081"
VGR, DALARNA = "14", "20"
SAMVERKAN = str(Path(sys.executable).with_name("samverkan"))
#: a personnummer made from a date and its computed check digit (never a literal)
PNR = number(dt.date(1985, 7, 14), 238, form="12", sep="-")
PNR_FORMS = (PNR, PNR.replace("-", ""), PNR[2:], PNR[2:].replace("-", ""))

SIP = {
    "consent": True,
    "goal": "Stabil vardag och fungerande skolgång",
    "wishes": "Vill bo nära familjen",
    "responsibilities": "Kommunen: boende och skola. Regionen: BUP-behandling",
    "performers": "HVB utför boende; BUP utför behandling",
    "school_occupation": "Skola vid HVB",
    "overall_responsibility": "Kommunen",
    "follow_up": "Var tredje månad",
}


def placement(municipality: str = MOLNDAL, **fields: Any) -> dict[str, Any]:
    """A Göteborg child placement by the municipality."""
    return {
        "agreement": "goteborg",
        "municipality": municipality,
        "placing_party": "municipality",
        "start_date": "2025-03-01",
        "acute": True,
        "home_kind": "hvb",
        "child": True,
        "sip": SIP,
        "individual_ref": INDIVIDUAL,
        **fields,
    }


def dispute(agreement: str, municipality: str, **fields: Any) -> dict[str, Any]:
    return {
        "agreement": agreement,
        "municipality": municipality,
        "subject": "responsibility",
        "title": "Vem ansvarar för hemsjukvården?",
        "description": "Parterna är oense om ansvaret för insatsen.",
        **fields,
    }


def deviation(agreement: str, municipality: str, **fields: Any) -> dict[str, Any]:
    return {
        "agreement": agreement,
        "municipality": municipality,
        "title": "Ingen SIP trots kallelse",
        "agreed": "Regionen deltar i SIP-möte inom överenskommen tid (ÖK 3.7).",
        "happened": "Ingen från psykiatrin kom till SIP-mötet.",
        **fields,
    }


def sql(db: Path, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        return conn.execute(query, params).fetchall()


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = dict(response.json())
    assert body["status"] == status and body["detail"]
    return body


@dataclass
class Server:
    proc: ServerProcess
    http: httpx.Client

    @property
    def db(self) -> Path:
        return Path(self.proc.env["SAMVERKAN_DATABASE"])

    def h(self, org: str, role: str = "party", agreements: tuple[str, ...] = ()) -> dict[str, str]:
        return self.proc.headers(org, role=role, agreements=agreements)

    def key_id(self, org: str, role: str = "party", agreements: tuple[str, ...] = ()) -> str:
        digest = hashlib.sha256(self.proc.key(org, role, agreements).encode()).hexdigest()
        return str(sql(self.db, "SELECT id FROM api_keys WHERE hash = ?", (digest,))[0][0])

    def create(self, path: str, body: dict[str, Any], org: str, **headers: str) -> httpx.Response:
        response = self.http.post(path, json=body, headers={**self.h(org), **headers})
        assert response.status_code == 201, response.text
        return response

    def audit_rows(self, object_id: str) -> list[tuple[Any, ...]]:
        return sql(
            self.db,
            "SELECT org, key_id, action, object_type, individual_ref FROM audit_log "
            "WHERE object_id = ? ORDER BY id",
            (object_id,),
        )

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [SAMVERKAN, "--config", str(self.proc.config), *args],
            cwd=ROOT,
            env=self.proc.env,
            capture_output=True,
            text=True,
            timeout=60,
        )


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with Receiver(SECRET) as r:
        yield r


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory, receiver: Receiver) -> Iterator[Server]:
    config = (
        f"{BASE}\n[sweep]\ninterval_seconds = 0.3\n"
        f'\n[[webhooks]]\nname = "molndal"\nurl = "{receiver.url}"\nsecret = "{SECRET}"\n'
        f'org = "{MOLNDAL}"\nbackoff_seconds = 0.2\ntimeout_seconds = 2.0\n'
    )
    proc = ServerProcess(
        tmp_path_factory.mktemp("security"), config, env={"SAMVERKAN_TODAY": TODAY}
    )
    proc.start()
    with httpx.Client(base_url=proc.url, timeout=10, headers=ENGLISH) as client:
        yield Server(proc, client)
    proc.stop()


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    config = (
        BASE.replace(
            "[server]\n",
            "[server]\nrate_limit_per_minute = 5\nmax_body_bytes = 4096\n"
            f'cors_origins = ["{CORS_ORIGIN}"]\n',
        )
        + "\n[sweep]\nenabled = false\n"
    )
    assert "rate_limit_per_minute" in config
    proc = ServerProcess(tmp_path_factory.mktemp("tight"), config, env={"SAMVERKAN_TODAY": TODAY})
    proc.start()
    with httpx.Client(base_url=proc.url, timeout=10, headers=ENGLISH) as client:
        yield Server(proc, client)
    proc.stop()


# -- the must-show list --------------------------------------------------------------------


def test_molndal_reads_its_placement_partille_gets_404_no_key_gets_401(srv: Server) -> None:
    created = srv.create("/api/v1/placements", placement(), MOLNDAL).json()
    url = f"/api/v1/placements/{created['id']}"
    before = srv.audit_rows(created["id"])
    assert [row[2] for row in before] == ["create"]

    mine = srv.http.get(url, headers=srv.h(MOLNDAL))
    assert mine.status_code == 200, mine.text
    assert mine.json()["individual_ref"] == INDIVIDUAL

    theirs = problem(srv.http.get(url, headers=srv.h(PARTILLE)), 404)
    missing = problem(srv.http.get("/api/v1/placements/plc_missing", headers=srv.h(PARTILLE)), 404)
    # another organisation's placement answers exactly as a missing one
    assert {k: v for k, v in theirs.items() if k != "detail"} == {
        k: v for k, v in missing.items() if k != "detail"
    }
    assert theirs["detail"].replace(created["id"], "ID") == missing["detail"].replace(
        "plc_missing", "ID"
    )
    assert "individual_ref" not in theirs and INDIVIDUAL not in srv.http.get(url).text

    anonymous = problem(srv.http.get(url), 401)
    assert anonymous["errors"][0]["field"] == "Authorization"
    bogus = srv.http.get(url, headers={"Authorization": "Bearer smv_nothing_here"})
    problem(bogus, 401)

    # the audit log: one row for the read that reached the case, none for 404 or 401
    rows = srv.audit_rows(created["id"])
    assert rows == [
        *before,
        (MOLNDAL, srv.key_id(MOLNDAL), "read", "placement", INDIVIDUAL),
    ]
    assert not sql(srv.db, "SELECT 1 FROM audit_log WHERE org = ?", (PARTILLE,))


def test_a_personnummer_in_a_dispute_is_refused_and_stored_nowhere(srv: Server) -> None:
    body = dispute("sodra_alvsborg", BORAS, description=f"Gäller patient {PNR} i hemsjukvården")
    refused = problem(srv.http.post("/api/v1/disputes", json=body, headers=srv.h(BORAS)), 422)
    assert [e["field"] for e in refused["errors"]] == ["description"]
    assert "description" in refused["detail"]
    for form in PNR_FORMS:
        assert form not in srv.http.post("/api/v1/disputes", json=body, headers=srv.h(BORAS)).text
    assert_stored_nowhere(srv)


def assert_stored_nowhere(server: Server) -> None:
    """The number's digits appear in no database file (with -wal and -shm) and no log."""
    files = [p for p in server.db.parent.iterdir() if p.name.startswith(server.db.name)]
    assert server.db in files
    files.append(server.proc.settled_log())
    for path in files:
        raw = path.read_bytes()
        for form in PNR_FORMS:
            assert form.encode() not in raw, f"{form} in {path.name}"


def test_the_audit_table_refuses_update_and_delete(srv: Server) -> None:
    srv.create("/api/v1/placements", placement(), MOLNDAL)
    count = sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0]
    assert count >= 1
    for statement in ("UPDATE audit_log SET org = 'x'", "DELETE FROM audit_log"):
        with (
            closing(sqlite3.connect(srv.db, timeout=10)) as conn,
            pytest.raises(sqlite3.DatabaseError, match="append-only"),
        ):
            conn.execute(statement)
            conn.commit()
    assert sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0] == count
    assert not sql(srv.db, "SELECT 1 FROM audit_log WHERE org = 'x'")


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
def test_the_audit_table_refuses_update_and_delete_in_the_sqlite3_shell(srv: Server) -> None:
    srv.create("/api/v1/placements", placement(), MOLNDAL)
    count = sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0]
    for statement in ("UPDATE audit_log SET org = 'x';", "DELETE FROM audit_log;"):
        shell = subprocess.run(
            ["sqlite3", "-bail", "-cmd", ".timeout 5000", str(srv.db), statement],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert shell.returncode != 0, shell
        assert "audit_log is append-only" in shell.stderr
    assert sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0] == count


# -- keys ----------------------------------------------------------------------------------


def test_keys_through_the_samverkan_command(srv: Server) -> None:
    made = srv.cli("keys", "create", "--org", MOLNDAL, "--role", "party", "--label", "CLI-nyckel")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    assert key.startswith("smv_") and made.stdout.count(key) == 1  # shown once
    key_id = made.stdout.split("key id: ")[1].split()[0]
    assert f"org: {MOLNDAL}" in made.stdout and "role: party" in made.stdout
    auth = {"Authorization": f"Bearer {key}"}
    assert srv.http.get("/api/v1/placements", headers=auth).status_code == 200

    # stored only as its hash: the key is nowhere in the database files
    for path in srv.db.parent.iterdir():
        if path.name.startswith(srv.db.name):
            assert key.encode() not in path.read_bytes(), path.name
    digest = hashlib.sha256(key.encode()).hexdigest()
    assert sql(srv.db, "SELECT id, org, role FROM api_keys WHERE hash = ?", (digest,)) == [
        (key_id, MOLNDAL, "party")
    ]

    listed = srv.cli("keys", "list")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith(key_id))
    assert "CLI-nyckel" in line and "active" in line
    assert key not in listed.stdout and digest not in listed.stdout
    assert "smv_" not in listed.stdout  # no key at all, of any organisation

    admin = srv.cli("keys", "create", "--org", VGR, "--role", "admin", "--agreements", "vgr")
    assert admin.returncode == 0, admin.stderr
    assert "agreements: vgr" in admin.stdout
    assert srv.cli("keys", "create", "--org", VGR, "--role", "admin").returncode == 2
    unknown = srv.cli("keys", "create", "--org", "9999")
    assert unknown.returncode == 2 and "unknown organisation" in unknown.stderr

    revoked = srv.cli("keys", "revoke", key_id)
    assert revoked.returncode == 0 and f"revoked {key_id}" in revoked.stdout
    problem(srv.http.get("/api/v1/placements", headers=auth), 401)
    again = srv.cli("keys", "revoke", key_id)
    assert again.returncode == 1 and key_id in again.stderr
    relisted = srv.cli("keys", "list").stdout
    assert "revoked" in next(line for line in relisted.splitlines() if line.startswith(key_id))


def test_rule_endpoints_and_health_need_no_key_case_endpoints_do(srv: Server) -> None:
    for path in ("/health", "/api/v1/agreements", "/api/v1/agreements/vgr/ladder"):
        assert srv.http.get(path).status_code == 200, path
    for path in (
        "/api/v1/disputes",
        "/api/v1/placements",
        "/api/v1/deviations",
        "/api/v1/deadlines",
        "/api/v1/notifications",
        "/api/v1/audit",
    ):
        problem(srv.http.get(path), 401)
    problem(srv.http.post("/api/v1/disputes", json=dispute("vgr", BORAS)), 401)


# -- the matrix: every organisation against every case and method ----------------------


@dataclass(frozen=True)
class Org:
    code: str
    role: str = "party"
    agreements: tuple[str, ...] = ()


ORGS = {
    "Mölndal": Org(MOLNDAL),
    "Partille": Org(PARTILLE),
    "Borås": Org(BORAS),
    "Falun": Org(FALUN),
    "VGR": Org(VGR),
    "Region Dalarna": Org(DALARNA),
    "admin vgr (Göteborg)": Org(GOTEBORG, "admin", ("vgr",)),
    "admin dalarna (Region Dalarna)": Org(DALARNA, "admin", ("dalarna",)),
}
#: agreement -> (region code, parent agreement)
AGREEMENTS = {
    "vgr": (VGR, None),
    "goteborg": (VGR, "vgr"),
    "sodra_alvsborg": (VGR, "vgr"),
    "dalarna": (DALARNA, None),
}


@dataclass(frozen=True)
class Case:
    kind: str  # placements, disputes, deviations
    agreement: str
    municipality: str
    body: dict[str, Any]
    change: str
    change_body: dict[str, Any]
    changed: int  # the status a party's change answers


CASES = {
    "Göteborg placement of Mölndal": Case(
        "placements", "goteborg", MOLNDAL, placement(), "end", {"end_date": TODAY}, 200
    ),
    "Södra Älvsborg dispute of Borås": Case(
        "disputes",
        "sodra_alvsborg",
        BORAS,
        dispute("sodra_alvsborg", BORAS),
        "withdraw",
        {"reason": "Löst lokalt."},
        200,
    ),
    "Dalarna dispute of Falun": Case(
        "disputes",
        "dalarna",
        FALUN,
        dispute("dalarna", FALUN),
        "withdraw",
        {"reason": "Löst lokalt."},
        200,
    ),
    "VGR deviation of Partille": Case(
        "deviations", "vgr", PARTILLE, deviation("vgr", PARTILLE), "escalate", {}, 201
    ),
}


def administered(org: Org) -> set[str]:
    """An admin's agreements with every agreement that refines them."""
    wanted = set(org.agreements) if org.role == "admin" else set()
    while True:
        children = {a for a, (_, parent) in AGREEMENTS.items() if parent in wanted}
        if children <= wanted:
            return wanted
        wanted |= children


def expected(org: Org, case: Case) -> tuple[int, bool, int]:
    """(GET one, in the list, POST a change) from the rules: a party acts, an admin reads."""
    region = AGREEMENTS[case.agreement][0]
    party = org.code in (case.municipality, region)
    visible = party or case.agreement in administered(org)
    change = case.changed if party else 403 if visible else 404
    return (200 if visible else 404), visible, change


def test_every_organisation_against_every_case_and_method(srv: Server) -> None:
    actual: dict[tuple[str, str], tuple[int, bool, int]] = {}
    want: dict[tuple[str, str], tuple[int, bool, int]] = {}
    for case_name, case in CASES.items():
        for org_name, org in ORGS.items():
            made = srv.create(f"/api/v1/{case.kind}", case.body, case.municipality)
            case_id, etag = made.json()["id"], made.headers["etag"]
            headers = srv.h(org.code, org.role, org.agreements)
            one = srv.http.get(f"/api/v1/{case.kind}/{case_id}", headers=headers)
            listed = srv.http.get(
                f"/api/v1/{case.kind}",
                params={"municipality": case.municipality, "limit": 500},
                headers=headers,
            )
            assert listed.status_code == 200, listed.text
            assert listed.json()["total"] <= 500
            ids = {item["id"] for item in listed.json()["items"]}
            changed = srv.http.post(
                f"/api/v1/{case.kind}/{case_id}/{case.change}",
                json=case.change_body,
                headers={**headers, "If-Match": etag},
            )
            actual[(case_name, org_name)] = (one.status_code, case_id in ids, changed.status_code)
            want[(case_name, org_name)] = expected(org, case)
    assert actual == want
    # the table covers both answers of every method
    cells = list(want.values())
    assert {c[0] for c in cells} == {200, 404}
    assert {c[2] for c in cells} == {200, 201, 403, 404}


# -- the same scoping for deadlines, notifications, webhooks and idempotency keys -------


def test_deadlines_are_scoped(srv: Server) -> None:
    opened = srv.create("/api/v1/disputes", dispute("sodra_alvsborg", BORAS), BORAS).json()
    params = {"subject_type": "dispute", "subject_id": opened["id"]}
    for org, seen in ((BORAS, True), (VGR, True), (PARTILLE, False), (DALARNA, False)):
        found = srv.http.get("/api/v1/deadlines", params=params, headers=srv.h(org))
        assert found.status_code == 200, found.text
        assert bool(found.json()["items"]) is seen, org
    everything = srv.http.get("/api/v1/deadlines", params={"limit": 500}, headers=srv.h(PARTILLE))
    assert {d["municipality"] for d in everything.json()["items"]} <= {PARTILLE, None}


def overdue(agreement: str, municipality: str, title: str) -> dict[str, Any]:
    """A dispute whose current tier's 30 days ran out before the service date."""
    fields: dict[str, Any] = {"opened_on": "2025-02-01", "title": title}
    if agreement == "goteborg":
        fields |= {"tier": "sub_regional", "clock_started_on": "2025-02-01"}
    return dispute(agreement, municipality, **fields)


def feed(server: Server, org: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after = 0
    while True:
        page = server.http.get(
            "/api/v1/notifications", params={"after": after, "limit": 500}, headers=server.h(org)
        )
        assert page.status_code == 200, page.text
        if not page.json()["items"]:
            return items
        items += page.json()["items"]
        after = page.json()["next_cursor"]


def test_notifications_and_webhooks_are_scoped(srv: Server, receiver: Receiver) -> None:
    mine = srv.create("/api/v1/disputes", overdue("goteborg", MOLNDAL, "Mölndals"), MOLNDAL)
    theirs = srv.create("/api/v1/disputes", overdue("goteborg", PARTILLE, "Partilles"), PARTILLE)
    mine_id, theirs_id = mine.json()["id"], theirs.json()["id"]

    def fired(item_id: str) -> bool:
        return any(n["subject_id"] == item_id for n in feed(srv, VGR))

    receiver.wait(
        lambda r: any(d.body["subject_id"] == mine_id for d in r.received()), 15, "Mölndal's"
    )
    deadline = time.monotonic() + 10
    while not fired(theirs_id):
        assert time.monotonic() < deadline, "Partille's notification never fired"
        time.sleep(0.2)

    # the feed: each organisation sees its own cases and notices about its agreements
    molndal = feed(srv, MOLNDAL)
    assert any(n["subject_id"] == mine_id for n in molndal)
    assert all(n["municipality"] in (MOLNDAL, None) for n in molndal)
    assert not any(n["subject_id"] == theirs_id for n in feed(srv, MOLNDAL))
    assert not any(n["subject_id"] == mine_id for n in feed(srv, PARTILLE))
    assert all(n["agreement"] == "dalarna" for n in feed(srv, DALARNA))

    # the webhook bound to Mölndal got only Mölndal's cases and its region's notices
    received = receiver.received()
    assert received and all(d.signature_ok for d in received)
    for delivery in received:
        assert delivery.body["municipality"] in (MOLNDAL, None), delivery.body
        assert delivery.body["agreement"] != "dalarna"
    assert not any(d.body["subject_id"] == theirs_id for d in received)
    theirs_note = next(n for n in feed(srv, VGR) if n["subject_id"] == theirs_id)
    assert theirs_note["deliveries"] == []  # no delivery row for another organisation's hook


def test_an_idempotency_key_replayed_by_another_organisation_finds_nothing(srv: Server) -> None:
    key = {"Idempotency-Key": "security-idem-1"}
    first = srv.create("/api/v1/placements", placement(), MOLNDAL, **key)
    again = srv.http.post("/api/v1/placements", json=placement(), headers={**srv.h(MOLNDAL), **key})
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    # Partille replaying Mölndal's exact request and key: not Mölndal's answer but Partille's
    # own request, refused because Partille is no party to it
    problem(
        srv.http.post("/api/v1/placements", json=placement(), headers={**srv.h(PARTILLE), **key}),
        403,
    )
    # Partille with the same key and its own body: a new case, neither a replay nor a 422
    other = srv.create("/api/v1/placements", placement(PARTILLE), PARTILLE, **key)
    assert "idempotent-replayed" not in other.headers
    assert other.json()["id"] != first.json()["id"]
    assert other.json()["municipality"] == PARTILLE
    rows = sql(
        srv.db,
        "SELECT org FROM idempotency_keys WHERE key = ? ORDER BY org",
        (key["Idempotency-Key"],),
    )
    assert rows == [(PARTILLE,), (MOLNDAL,)]


# -- the audit log --------------------------------------------------------------------------


def test_reads_and_writes_are_audited_with_the_individual(srv: Server) -> None:
    made = srv.create("/api/v1/placements", placement(), MOLNDAL)
    pid = made.json()["id"]
    url = f"/api/v1/placements/{pid}"
    etag = {"If-Match": made.headers["etag"]}
    ended = srv.http.post(
        f"{url}/end", json={"end_date": TODAY}, headers={**srv.h(MOLNDAL), **etag}
    )
    assert ended.status_code == 200, ended.text
    assert srv.http.get(f"{url}/settlement", headers=srv.h(VGR)).status_code == 200
    assert srv.http.get(f"{url}/costs", headers=srv.h(MOLNDAL)).status_code == 200
    listed = srv.http.get("/api/v1/placements", params={"limit": 500}, headers=srv.h(MOLNDAL))
    assert pid in {p["id"] for p in listed.json()["items"]}
    count = sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0]
    problem(srv.http.get(url, headers=srv.h(PARTILLE)), 404)
    problem(srv.http.get(url), 401)
    problem(srv.http.post(f"{url}/end", json={"end_date": TODAY}, headers=srv.h(PARTILLE)), 404)
    assert sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0] == count

    molndal, vgr = srv.key_id(MOLNDAL), srv.key_id(VGR)
    assert srv.audit_rows(pid) == [
        (MOLNDAL, molndal, "create", "placement", INDIVIDUAL),
        (MOLNDAL, molndal, "end", "placement", INDIVIDUAL),
        (VGR, vgr, "read_settlement", "placement", INDIVIDUAL),
        (MOLNDAL, molndal, "read_costs", "placement", INDIVIDUAL),
        (MOLNDAL, molndal, "list", "placement", INDIVIDUAL),
    ]
    at = sql(srv.db, "SELECT at, agreement FROM audit_log WHERE object_id = ?", (pid,))
    assert all(row[0].startswith(TODAY) and row[1] == "goteborg" for row in at)


def test_a_request_fails_when_its_audit_row_cannot_be_written(tight: Server) -> None:
    made = tight.create("/api/v1/placements", placement(), MOLNDAL)
    url = f"/api/v1/placements/{made.json()['id']}"
    with closing(sqlite3.connect(tight.db, timeout=10)) as conn:
        conn.execute(
            "CREATE TRIGGER audit_blocked BEFORE INSERT ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END"
        )
        conn.commit()
    try:
        problem(tight.http.get(url, headers=tight.h(MOLNDAL)), 500)
        etag = {"If-Match": made.headers["etag"]}
        ended = tight.http.post(
            f"{url}/end", json={"end_date": TODAY}, headers={**tight.h(MOLNDAL), **etag}
        )
        problem(ended, 500)
    finally:
        with closing(sqlite3.connect(tight.db, timeout=10)) as conn:
            conn.execute("DROP TRIGGER audit_blocked")
            conn.commit()
    after = tight.http.get(url, headers=tight.h(MOLNDAL))
    assert after.status_code == 200, after.text
    assert after.json()["end_date"] is None  # the change rolled back with its audit row


def test_the_audit_endpoint_is_for_admins_with_filters_and_csv(srv: Server) -> None:
    created = srv.create("/api/v1/placements", placement(), MOLNDAL).json()
    pid = created["id"]
    assert srv.http.get(f"/api/v1/placements/{pid}", headers=srv.h(MOLNDAL)).status_code == 200
    falun = srv.create("/api/v1/disputes", dispute("dalarna", FALUN), FALUN).json()

    for org in (MOLNDAL, VGR):  # a party key, even the region's, is not an admin key
        refused = problem(srv.http.get("/api/v1/audit", headers=srv.h(org)), 403)
        assert refused["errors"][0]["field"] == "Authorization"

    admin = srv.h(GOTEBORG, "admin", ("vgr",))
    everything = srv.http.get("/api/v1/audit", params={"limit": 500}, headers=admin)
    assert everything.status_code == 200, everything.text
    items = everything.json()["items"]
    assert {row["agreement"] for row in items} <= {"vgr", "goteborg", "sodra_alvsborg"}
    assert not any(row["object_id"] == falun["id"] for row in items)

    by_object = srv.http.get("/api/v1/audit", params={"object_id": pid}, headers=admin).json()
    assert [(r["org"], r["action"], r["individual_ref"]) for r in by_object["items"]] == [
        (MOLNDAL, "create", INDIVIDUAL),
        (MOLNDAL, "read", INDIVIDUAL),
    ]
    filters = {
        "org": MOLNDAL,
        "object_type": "placement",
        "individual_ref": INDIVIDUAL,
        "since": TODAY,
        "until": TODAY,
    }
    filtered = srv.http.get("/api/v1/audit", params=filters, headers=admin).json()["items"]
    assert filtered and all(
        r["org"] == MOLNDAL
        and r["object_type"] == "placement"
        and r["individual_ref"] == INDIVIDUAL
        and r["at"].startswith(TODAY)
        for r in filtered
    )
    assert pid in {r["object_id"] for r in filtered}
    later = {"object_id": pid, "since": "2025-05-16"}
    assert srv.http.get("/api/v1/audit", params=later, headers=admin).json()["items"] == []

    exported = srv.http.get(
        "/api/v1/audit", params={"object_id": pid, "format": "csv"}, headers=admin
    )
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["org"], r["action"], r["object_id"]) for r in rows] == [
        (MOLNDAL, "create", pid),
        (MOLNDAL, "read", pid),
    ]
    assert exported.text.splitlines()[0] == (
        "id,at,org,key_id,action,object_type,object_id,individual_ref,agreement"
    )

    dalarna = srv.h(DALARNA, "admin", ("dalarna",))
    theirs = srv.http.get("/api/v1/audit", params={"object_id": pid}, headers=dalarna)
    assert theirs.json()["items"] == []
    own = srv.http.get("/api/v1/audit", params={"object_id": falun["id"]}, headers=dalarna)
    assert [r["action"] for r in own.json()["items"]] == ["create"]


def test_samverkan_audit_export(srv: Server, tmp_path: Path) -> None:
    pid = srv.create("/api/v1/placements", placement(), MOLNDAL).json()["id"]
    out = tmp_path / "audit.csv"
    written = srv.cli("audit", "export", "--since", TODAY, "--until", TODAY, "--output", str(out))
    assert written.returncode == 0, written.stderr
    rows = list(csv.DictReader(out.open()))
    assert rows and f"{len(rows)} rows written" in written.stdout
    assert (MOLNDAL, "create", pid, INDIVIDUAL) in {
        (r["org"], r["action"], r["object_id"], r["individual_ref"]) for r in rows
    }
    total = sql(srv.db, "SELECT COUNT(*) FROM audit_log")[0][0]
    assert len(rows) <= total
    printed = srv.cli("audit", "export")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("id,at,org,key_id,action,")
    assert pid in printed.stdout
    nothing = srv.cli("audit", "export", "--since", "2025-05-16")
    assert nothing.stdout.strip().splitlines() == [
        "id,at,org,key_id,action,object_type,object_id,individual_ref,agreement"
    ]


# -- the personnummer guard everywhere ------------------------------------------------------


def test_a_personnummer_anywhere_in_a_request_is_refused_and_never_echoed(srv: Server) -> None:
    headers = srv.h(BORAS)
    ten = PNR[2:].replace("-", "")
    escaped = "".join(f"%{ord(char):02X}" for char in PNR)  # percent-encoded, as the header allows
    attempts = {
        "form.case_summary": srv.http.post(
            "/api/v1/disputes",
            json=dispute("sodra_alvsborg", BORAS, form={"case_summary": f"Avser {ten}."}),
            headers=headers,
        ),
        "form (a key)": srv.http.post(
            "/api/v1/disputes",
            json=dispute("sodra_alvsborg", BORAS, form={PNR: "nyckel"}),
            headers=headers,
        ),
        "query municipality": srv.http.get(
            "/api/v1/disputes", params={"municipality": PNR}, headers=headers
        ),
        "query (a parameter name)": srv.http.get(
            "/api/v1/disputes", params={PNR[2:]: "1"}, headers=headers
        ),
        "header x-actor-person": srv.http.get(
            "/api/v1/disputes", headers={**headers, "X-Actor-Person": f"Handl%C3%A4ggare {escaped}"}
        ),
        "path": srv.http.get(f"/api/v1/disputes/{PNR}", headers=headers),
        "happened": srv.http.post(
            "/api/v1/deviations",
            json=deviation("vgr", BORAS, happened=f"Journal för {PNR[2:]} saknades"),
            headers=headers,
        ),
    }
    for field, response in attempts.items():
        refused = problem(response, 422)
        named = [
            f"{e['in']} {e['field']}" if e["in"] in ("query", "header") else e["field"]
            for e in refused["errors"]
        ]
        assert named == [field], field
        for form in PNR_FORMS:
            assert form not in response.text
    # the same guard stands before the key check and in front of rule endpoints
    problem(srv.http.get("/api/v1/agreements", params={"q": PNR}), 422)
    problem(srv.http.get(f"/api/v1/disputes/{PNR}"), 422)
    # a number that only looks like one passes
    fine = dispute("sodra_alvsborg", BORAS, description=f"Faktura {PNR[:-1]}{'x'}")
    assert srv.http.post("/api/v1/disputes", json=fine, headers=headers).status_code == 201
    assert_stored_nowhere(srv)


# -- limits, headers, CORS ------------------------------------------------------------------


def test_a_too_large_body_is_refused_with_413(tight: Server) -> None:
    big = dispute("sodra_alvsborg", BORAS, description="x" * 5000)
    declared = tight.http.post("/api/v1/disputes", json=big, headers=tight.h(BORLANGE))
    assert problem(declared, 413)["errors"][0]["field"] == "body"

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b" " * 1000

    streamed = tight.http.post(
        "/api/v1/disputes",
        content=chunks(),
        headers={**tight.h(BORLANGE), "content-type": "application/json"},
    )
    assert "content-length" not in streamed.request.headers
    problem(streamed, 413)
    assert not sql(tight.db, "SELECT 1 FROM disputes WHERE municipality = ?", (BORAS,))


def test_a_key_over_its_rate_gets_429_with_retry_after(tight: Server) -> None:
    answers = [
        tight.http.get("/api/v1/deviations", headers=tight.h(FALUN)).status_code for _ in range(7)
    ]
    assert answers[:5] == [200] * 5
    assert 429 in answers[5:]
    limited = tight.http.get("/api/v1/deviations", headers=tight.h(FALUN))
    body = problem(limited, 429)
    assert body["type"] == "urn:samverkan:problem:rate-limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    # per key: another key is not limited, and rule endpoints need no key and no quota
    assert tight.http.get("/api/v1/deviations", headers=tight.h(BORLANGE)).status_code == 200
    assert all(tight.http.get("/health").status_code == 200 for _ in range(8))


def test_security_headers(srv: Server) -> None:
    for response in (
        srv.http.get("/health"),
        srv.http.get("/api/v1/agreements"),
        srv.http.get("/api/v1/disputes", headers=srv.h(BORAS)),
        srv.http.get("/api/v1/disputes"),  # 401
        srv.http.get(f"/api/v1/disputes/{PNR}", headers=srv.h(BORAS)),  # 422 from the guard
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"


def test_cors_is_off_by_default_and_on_for_a_configured_origin(srv: Server, tight: Server) -> None:
    origin = {"Origin": CORS_ORIGIN}
    preflight = {**origin, "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in srv.http.get("/health", headers=origin).headers
    off = srv.http.options("/api/v1/agreements", headers=preflight)
    assert "access-control-allow-origin" not in off.headers

    on = tight.http.get("/health", headers=origin)
    assert on.headers["access-control-allow-origin"] == CORS_ORIGIN
    allowed = tight.http.options("/api/v1/agreements", headers=preflight)
    assert allowed.status_code in (200, 204)
    assert allowed.headers["access-control-allow-origin"] == CORS_ORIGIN
    stranger = tight.http.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in stranger.headers
