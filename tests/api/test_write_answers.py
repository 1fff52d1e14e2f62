"""A case write answers with what a read of the rows it wrote shows: the opening of a dispute
builds its answer from the rows it has just written (without reading them back), and the tier
deadline it writes, kept after the first case at that tier and start day, is the one built
afresh. The real services on a real SQLite file, no HTTP (the answers' bytes are compared)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest

from samverkan.cases.changes import Change
from samverkan.cases.common import Actor
from samverkan.cases.disputes import OpenDispute
from samverkan.cases.placements import CostEntryRequest, OpenPlacement
from samverkan.kernel.i18n import speaking
from samverkan.wiring import Services, build
from tests.support.disputes_api import CONFIG, INDIVIDUAL, TODAY, arrangement, case
from tests.support.inprocess import InProcess
from tests.support.payloads import MOLNDAL, cost_entry, placement

SVENLJUNGA, FALUN = "1465", "2080"


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    setup = InProcess(tmp_path_factory.mktemp("answers"), CONFIG, {"SAMVERKAN_TODAY": TODAY})
    built = build(setup.settings())
    yield built
    built.close()


def as_org(org: str, key: str | None = None) -> Change:
    return Change(Actor(org=org, person="Test"), route="POST /test", idempotency_key=key)


def open_placement(services: Services, org: str, **fields: Any) -> str:
    request = msgspec.convert(placement(**fields), OpenPlacement)
    return services.placements.open(request, as_org(org)).id


def reread(services: Services, dispute_id: str) -> bytes:
    """The dispute as a read of its rows shows it on the day of its last step."""
    disputes = services.disputes
    with services.store.read() as db:
        return msgspec.json.encode(disputes.step_view(db, disputes.load(db, dispute_id)))


def openings(services: Services) -> list[tuple[str, dict[str, Any]]]:
    sa_placement = open_placement(
        services,
        SVENLJUNGA,
        agreement="sodra_alvsborg",
        municipality=SVENLJUNGA,
        start_date="2026-02-01",
        child=False,
        sip=None,
    )
    goteborg_placement = open_placement(services, MOLNDAL)
    goteborg_cost = {"agreement": "goteborg", "municipality": MOLNDAL, "subject": "cost"}
    return [
        ("1490", case()),
        ("1490", case(tier="local_steering_group", clock_started_on="2026-03-02")),
        (
            "1490",
            case(
                individual_ref=INDIVIDUAL,
                temporary_arrangement=arrangement("2026-01-10"),
                opened_on="2026-01-10",
            ),
        ),
        (
            SVENLJUNGA,
            case(
                municipality=SVENLJUNGA,
                placement_id=sa_placement,
                temporary_arrangement=arrangement("2026-02-01"),
            ),
        ),
        (
            MOLNDAL,
            case(
                **goteborg_cost,
                placement_id=goteborg_placement,
                temporary_arrangement=arrangement("2026-03-01"),
            ),
        ),
        # Dalarna: a tier without a time limit (the no-progress check), and 12.2's notice
        (
            FALUN,
            case(
                agreement="dalarna",
                municipality=FALUN,
                subject="cost",
                opened_on="2025-03-01",
                temporary_arrangement=arrangement(
                    "2025-03-01", region="Remiss till BUP.", municipality="Boende via SoL."
                ),
            ),
        ),
        (
            "20",
            case(
                agreement="dalarna",
                municipality=FALUN,
                subject="interpretation",
                opened_on="2025-03-01",
                form={"notice_given_on": "2025-02-10"},
            ),
        ),
    ]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_opening_answers_what_a_read_of_its_rows_shows(
    services: Services, language: str
) -> None:
    for org, body in openings(services):
        with speaking(language):
            answer = services.disputes.open(msgspec.convert(body, OpenDispute), as_org(org))
            assert answer.status == 201
            assert msgspec.json.encode(answer.body) == reread(services, answer.id), body
            assert answer.headers["ETag"] == f'"{answer.id}.1"'


def deadline_rows(services: Services, dispute_id: str) -> list[dict[str, Any]]:
    with services.store.read() as db:
        found = list(db.query("SELECT * FROM deadlines WHERE subject_id = ?", [dispute_id]))
    assert found
    for row in found:  # what differs between two cases opened alike
        assert row.pop("id").startswith(f"{row.pop('subject_id')}:")
        row.pop("created_at")
    return found


@pytest.mark.parametrize(
    "body",
    [
        case(clock_started_on="2026-01-07"),  # a time limit
        case(agreement="dalarna", municipality=FALUN, opened_on="2025-03-03"),  # none
    ],
)
def test_a_kept_tier_deadline_is_the_one_built_afresh(
    services: Services, body: dict[str, Any]
) -> None:
    org = FALUN if body["agreement"] == "dalarna" else "1490"
    request = msgspec.convert(body, OpenDispute)
    first = services.disputes.open(request, as_org(org)).id  # the first at this tier and day
    again = services.disputes.open(request, as_org(org)).id  # its deadline kept
    assert deadline_rows(services, first) == deadline_rows(services, again)


def test_cost_entries_are_numbered_one_after_another(services: Services) -> None:
    placement_id = open_placement(services, MOLNDAL)
    for n in (1, 2, 3):
        request = msgspec.convert(cost_entry(invoice_ref=f"F-{n}"), CostEntryRequest)
        answer = services.placements.add_cost(placement_id, request, as_org(MOLNDAL))
        assert answer.status == 201
        assert answer.body.seq == n
    with services.store.read() as db:
        seqs = [
            r[0]
            for r in db.execute(
                "SELECT seq FROM cost_entries WHERE placement_id = ?", [placement_id]
            )
        ]
    assert seqs == [1, 2, 3]
