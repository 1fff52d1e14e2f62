"""The settlement runner: ``scenarios/settlements.toml`` in a plugin's package, played through
the API (the application in this process, on a SQLite file of its own).

Each ``[[scenario]]`` registers a ``placement``, posts its ``cost_agreements`` in order (a
refused one names the status and field it expects: ``expect_status``, ``expect_field``), its
``costs``, and any cost dispute (``disputes``) resolved with a retroactive adjustment; then each
``[[scenario.expect]]`` reads the settlement as of a date (``as_of``) and compares each party's
``owes``, ``paid`` and ``balance``, the ``transfer`` (or ``"none"``) and, where given, the
``lines``. Both parties must read the same settlement. The service's date is the file's
``today`` (default: the latest date in the file), late enough for every step to have happened.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import tomllib
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from litestar.testing import TestClient

from samverkan.api.app import assemble
from samverkan.kernel.config import ClockConfig, DatabaseConfig, Settings, SweepConfig
from samverkan.wiring import Services, build

#: A SIP that shows everything any agreement may ask for (the shared SIP vocabulary).
SIP = {
    "kind": "sip",
    "consent": True,
    "needs": "Behov av boende, skola och psykiatrisk behandling",
    "goal": "Stabil vardag och fungerande skolgång",
    "wishes": "Vill bo nära familjen",
    "responsibilities": "Kommunen: boende och skola. Regionen: psykiatrisk behandling",
    "performers": "HVB utför boende; BUP utför behandlingen",
    "school_occupation": "Skola vid HVB",
    "follow_up": "Var tredje månad",
    "overall_responsibility": "Kommunen",
    "others_measures": "Inga",
    "who_does_what": "Se ansvar ovan",
}


class Failed(Exception):
    """A scenario's step answered other than the file expects."""


def iso(value: Any) -> Any:
    """TOML dates to ISO strings, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    return value


def _dates(value: Any) -> Iterator[dt.date]:
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _dates(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dates(item)


def read(path: Path) -> tuple[dt.date, list[dict[str, Any]]]:
    """The file's service date and its scenarios."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    today = data.get("today") or max(_dates(data), default=dt.date.today())
    return today, data.get("scenario", [])


class Service:
    """The application in this process, for the plugins ``enabled``, on ``today``."""

    def __init__(self, services: Services, client: TestClient[Any]):
        self.services = services
        self.client = client
        self._keys: dict[str, str] = {}

    def headers(self, org: str, person: str) -> dict[str, str]:
        if org not in self._keys:
            self._keys[org] = self.services.keys.create(org, "party", [], f"kit {org}")[0]
        return {"Authorization": f"Bearer {self._keys[org]}", "X-Actor-Person": person}


@contextmanager
def _quiet() -> Iterator[None]:
    """The service's request log and the framework's deprecation notices held back: the
    kit's report says what matters."""
    loggers = [logging.getLogger(name) for name in ("samverkan", "httpx", "litestar")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextmanager
def service(enabled: list[str], today: dt.date) -> Iterator[Service]:
    with tempfile.TemporaryDirectory(prefix="samverkan-kit-") as folder, _quiet():
        settings = Settings(
            enabled=enabled,
            database=DatabaseConfig(path=str(Path(folder) / "kit.db")),
            clock=ClockConfig(today=today),
            sweep=SweepConfig(enabled=False),
        )
        services = build(settings)
        with TestClient(assemble(services), timeout=10) as client:
            yield Service(services, client)


def _expect(response: httpx.Response, status: int, step: str) -> dict[str, Any]:
    if response.status_code != status:
        raise Failed(
            f"{step}: expected {status}, got {response.status_code}: {response.text[:300]}"
        )
    body: dict[str, Any] = response.json()
    return body


def cost_agreement(placement: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The fields a written cost agreement may be asked to show, filled in; the scenario's own
    on top."""
    body = {
        "goal": "Stabil vardag och fungerande skolgång",
        "responsibilities": "Kommunen: boende och skola. Regionen: psykiatrisk behandling",
        "health_care_provision": "Regionen behandlar på boendet",
        "municipal_provision": "Socialtjänsten köper boende och skola",
        "follow_up_on": placement["start_date"],
        "registration_municipality": placement["municipality"],
        "signatories": [
            {
                "name": "Eva Ek",
                "role": "Enhetschef",
                "party": "municipality",
                "economic_mandate": True,
            },
            {
                "name": "Per Berg",
                "role": "Verksamhetschef",
                "party": "region",
                "economic_mandate": True,
            },
        ],
        "sip": SIP,
        **given,
    }
    for key in ("expect_status", "expect_field"):
        body.pop(key, None)
    return body


def play(svc: Service, region: str, scenario: dict[str, Any]) -> None:
    """One scenario through the API; :class:`Failed` at the first step that differs."""
    scenario = iso(scenario)
    http = svc.client
    placement = scenario["placement"]
    placing = region if placement["placing_party"] == "region" else placement["municipality"]
    headers = svc.headers(placing, "Handlaggare")
    created = http.post("/api/v1/placements", json={"sip": SIP, **placement}, headers=headers)
    url = f"/api/v1/placements/{_expect(created, 201, 'the placement')['id']}"
    etag = created.headers["etag"]
    for index, given in enumerate(scenario.get("cost_agreements", []), 1):
        step = f"cost agreement {index}"
        answer = http.post(
            f"{url}/cost-agreements",
            json=cost_agreement(placement, given),
            headers={**headers, "If-Match": etag},
        )
        if "expect_status" not in given:
            _expect(answer, 201, step)
            etag = answer.headers["etag"]
            continue
        problem = _expect(answer, given["expect_status"], step)
        fields = [e.get("field") for e in problem.get("errors", [])]
        if "expect_field" in given and fields != [given["expect_field"]]:
            raise Failed(f"{step}: refused naming {fields}, expected [{given['expect_field']!r}]")
    for index, entry in enumerate(scenario.get("costs", []), 1):
        payer = region if entry["paid_by"] == "region" else placement["municipality"]
        answer = http.post(
            f"{url}/costs",
            json={"invoice_ref": f"F-{index}", **entry},
            headers={**svc.headers(payer, "Ekonom"), "Idempotency-Key": f"{url}-{index}"},
        )
        _expect(answer, 201, f"cost {index}")
    for dispute in scenario.get("disputes", []):
        _dispute(svc, placement, url.rsplit("/", 1)[1], dispute)
    other = placement["municipality"] if placing == region else region
    for expect in scenario.get("expect", []):
        _settlement(svc, url, [headers, svc.headers(other, "Ekonom")], expect, scenario)


def _dispute(
    svc: Service, placement: dict[str, Any], placement_id: str, given: dict[str, Any]
) -> None:
    headers = svc.headers(placement["municipality"], "Ekonom")
    body = {
        "agreement": placement["agreement"],
        "municipality": placement["municipality"],
        "subject": "cost",
        "title": "Oenighet om kostnadsfördelningen",
        "description": "Parterna är oense om hur placeringens kostnad ska delas.",
        "placement_id": placement_id,
        "opened_on": given["opened_on"],
        "temporary_arrangement": {
            "started_on": given["temporary_from"],
            "description": "Kommunen betalar tills vidare; delningen avgörs i tvisten.",
        },
        **({"tier": given["tier"]} if "tier" in given else {}),
    }
    opened = svc.client.post("/api/v1/disputes", json=body, headers=headers)
    dispute = _expect(opened, 201, "the cost dispute")
    resolved = svc.client.post(
        f"/api/v1/disputes/{dispute['id']}/resolve",
        json={
            "outcome": "Parterna delar kostnaden enligt beslutet.",
            "on": given["resolved_on"],
            "adjustment": given["adjustment"],
        },
        headers={**headers, "If-Match": opened.headers["etag"]},
    )
    _expect(resolved, 200, "resolving the cost dispute")


def _settlement(
    svc: Service,
    url: str,
    readers: list[dict[str, str]],
    expect: dict[str, Any],
    scenario: dict[str, Any],
) -> None:
    as_of = expect["as_of"]
    answers = [
        _expect(
            svc.client.get(f"{url}/settlement", params={"as_of": as_of}, headers=h),
            200,
            "settlement",
        )
        for h in readers
    ]
    result = answers[0]
    if answers[1] != result:
        raise Failed(f"as of {as_of}: the two parties read different settlements")
    parties = result["parties"]
    for party, want in expect.get("parties", {}).items():
        got = parties[party]
        pair = (
            (got["owes_ore"], got["paid_ore"], got["balance_ore"]),
            (want["owes"], want["paid"], want["balance"]),
        )
        if pair[0] != pair[1]:
            raise Failed(
                f"as of {as_of}, {party}: (owes, paid, balance) is {pair[0]}, expected {pair[1]}"
            )
    if sum(p["balance_ore"] for p in result["parties"].values()) != 0:
        raise Failed(f"as of {as_of}: the balances do not sum to zero")
    if "transfer" in expect:
        want = None if expect["transfer"] == "none" else expect["transfer"]
        if result["transfer"] != want:
            raise Failed(f"as of {as_of}: the transfer is {result['transfer']}, expected {want}")
    if "lines" in expect:
        lines = [
            {"days": x["days"], "amount_ore": x["amount_ore"], "region": x["owes_ore"]["region"]}
            for x in result["lines"]
        ]
        if lines != expect["lines"]:
            raise Failed(f"as of {as_of}: the lines are {lines}, expected {expect['lines']}")
    for line in result["lines"]:
        if not (line["why"] and line["citation"]["document"]):
            raise Failed(f"as of {as_of}: a line does not say why, with its citation: {line}")
    if "notice" in scenario and not any(scenario["notice"] in n for n in result["notices"]):
        raise Failed(f"as of {as_of}: no notice says {scenario['notice']!r}")


def run(enabled: list[str], agreement: str, path: Path) -> dict[str, list[str]]:
    """Every scenario of the file, by name: the problem it met (an empty list: it passed)."""
    today, scenarios = read(path)
    found: dict[str, list[str]] = {}
    with service(enabled, today) as svc:
        parties = {
            a.id: a.parties.region_code for a in svc.services.rulebook.registry.agreements.values()
        }
        for index, scenario in enumerate(scenarios, 1):
            name = f"{index}: {scenario.get('name', '(no name)')}"
            try:
                if scenario.get("placement", {}).get("agreement", agreement) != agreement:
                    raise Failed(f"the placement is under {scenario['placement']['agreement']!r}")
                play(svc, parties[agreement], scenario)
                found[name] = []
            except Failed as exc:
                found[name] = [str(exc)]
            except (KeyError, TypeError, ValueError) as exc:
                found[name] = [f"the scenario cannot be run: {type(exc).__name__}: {exc}"]
    return found
