"""A live key's caller is kept between requests; a key revoked anywhere is refused on the next
request: through the service, or by another connection (another worker, ``samverkan keys``)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from tests.support.inprocess import InProcess
from tests.support.payloads import BORAS


def test_a_key_revoked_by_another_connection_is_refused_on_the_next_request(
    service: InProcess,
) -> None:
    key, record = service.services.keys.create(BORAS, "party", [], "revoked elsewhere")  # type: ignore[union-attr]
    auth = {"Authorization": f"Bearer {key}"}
    for _ in range(2):  # looked up, then kept
        assert service.client.get("/api/v1/disputes", headers=auth).status_code == 200
    other = sqlite3.connect(service.db)  # as another process would
    with other:
        other.execute(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ?",
            [dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), record["id"]],
        )
    other.close()
    refused = service.client.get("/api/v1/disputes", headers=auth)
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_key_revoked_through_the_service_is_refused_on_the_next_request(
    service: InProcess,
) -> None:
    key, record = service.services.keys.create(BORAS, "party", [], "revoked here")  # type: ignore[union-attr]
    auth = {"Authorization": f"Bearer {key}"}
    assert service.client.get("/api/v1/disputes", headers=auth).status_code == 200
    assert service.services.keys.revoke(record["id"])  # type: ignore[union-attr]
    assert service.client.get("/api/v1/disputes", headers=auth).status_code == 401
