"""Organisations, API keys and what each key may see.

Every municipality (SCB code) and every region (county code) is an organisation. A key belongs
to one organisation and one role: ``party`` (acts on the cases its organisation is a party to)
or ``admin`` of named agreements (reads every case under them, including their sub-regional
agreements, and changes only those its organisation is a party to). A key is shown once, when
created, and stored only as its SHA-256 hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from samverkan.kernel.errors import ConfigError, Unauthorized, field_error
from samverkan.kernel.i18n import _
from samverkan.kernel.registry import Registry
from samverkan.store import sql
from samverkan.store.db import Store
from samverkan.store.ids import new_api_key

Role = Literal["party", "admin"]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who calls: a key's organisation, role and the agreements that decide what it sees.

    :param party_agreements: agreements the organisation is a party to *as the region* (it sees
        every case under them); a municipality sees the cases of its own SCB code.
    :param admin_agreements: agreements an admin key reads in full (with their children).
    """

    key_id: str
    org: str
    role: Role
    label: str
    party_agreements: tuple[str, ...] = ()
    admin_agreements: tuple[str, ...] = ()
    is_municipality: bool = False
    memberships: tuple[str, ...] = field(default=())

    def visible(self, alias: str = "") -> tuple[str, list[Any]]:
        """A SQL condition (for a table with ``agreement`` and ``municipality`` columns) that
        keeps only the rows this caller may see; used inside every case query."""
        prefix = f"{alias}." if alias else ""
        parts: list[str] = []
        params: list[Any] = []
        if self.is_municipality:
            parts.append(f"{prefix}municipality = ?")
            params.append(self.org)
        agreements = self.party_agreements + self.admin_agreements
        if agreements:
            parts.append(f"{prefix}agreement IN ({','.join('?' * len(agreements))})")
            params += list(agreements)
        if not parts:
            return "0", []
        return "(" + " OR ".join(parts) + ")", params

    def related(self) -> tuple[str, ...]:
        """Every agreement the caller is a party to or administers."""
        return tuple(sorted({*self.memberships, *self.party_agreements, *self.admin_agreements}))

    def may_change(self, agreement: str, municipality: str) -> bool:
        """Only a party acts: the case's municipality, or the region of its agreement."""
        if self.is_municipality:
            return municipality == self.org and agreement in self.memberships
        return agreement in self.party_agreements


class Keys:
    """The keys. A live key's caller is looked up once and kept (by the key's hash) until any
    key is created or revoked through this object, or another connection (another worker, the
    ``samverkan keys`` command) commits to the database (SQLite's ``data_version``): a key
    revoked anywhere is refused on the next request, as when every request read its row."""

    def __init__(self, store: Store, registry: Registry):
        self.store = store
        self.registry = registry
        self._known: dict[str, Principal] = {}
        self._seen_version: int | None = None

    def organisations(self) -> dict[str, str]:
        """Every organisation the enabled agreements name: code -> name."""
        orgs: dict[str, str] = {}
        for agreement in self.registry.agreements.values():
            orgs[agreement.parties.region_code] = agreement.parties.region_name
            for municipality in agreement.parties.municipalities:
                orgs[municipality.code] = municipality.name
        return orgs

    def _expand(self, agreements: list[str]) -> tuple[str, ...]:
        """An admin of an agreement also administers the agreements that refine it."""
        wanted = set(agreements)
        changed = True
        while changed:
            children = {a.id for a in self.registry.agreements.values() if a.parent in wanted}
            changed = not children <= wanted
            wanted |= children
        return tuple(sorted(wanted))

    def create(
        self, org: str, role: Role, agreements: list[str] | None = None, label: str = ""
    ) -> tuple[str, dict[str, Any]]:
        """A new key: returns the key itself (shown once) and its stored record."""
        orgs = self.organisations()
        if org not in orgs:
            raise ConfigError(
                f"unknown organisation {org!r}; organisations of the enabled agreements: "
                + ", ".join(f"{code} {name}" for code, name in sorted(orgs.items()))
            )
        agreements = agreements or []
        if role == "admin":
            if not agreements:
                raise ConfigError("an admin key names the agreements it administers (--agreements)")
            unknown = [a for a in agreements if a not in self.registry.agreements]
            if unknown:
                raise ConfigError(
                    f"unknown agreement(s) {', '.join(unknown)}; enabled: "
                    + ", ".join(self.registry.agreements)
                )
        key, key_id = new_api_key()  # letters only: never mistaken for a personnummer
        record = {
            "id": key_id,
            "org": org,
            "role": role,
            "agreements": json.dumps(sorted(agreements)),
            "label": label or f"{orgs[org]} ({role})",
            "hash": hash_key(key),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "revoked_at": None,
        }
        with self.store.write() as db:
            sql.insert(db, "api_keys", record)
        self._known.clear()
        return key, {k: v for k, v in record.items() if k != "hash"}

    def list(self) -> list[dict[str, Any]]:
        with self.store.read() as db:
            return [
                {k: v for k, v in row.items() if k != "hash"}
                for row in db.query("SELECT * FROM api_keys ORDER BY created_at, id")
            ]

    def revoke(self, key_id: str) -> bool:
        with self.store.write() as db:
            cursor = db.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                [dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), key_id],
            )
            revoked = cursor.rowcount == 1
        self._known.clear()
        return revoked

    def principal(self, authorization: str | None) -> Principal:
        """The caller of ``Authorization: Bearer <key>``; 401 without a valid, live key."""
        if not authorization or not authorization.lower().startswith("bearer "):
            raise Unauthorized(
                _("send Authorization: Bearer <your API key>"),
                errors=[field_error("Authorization", _("Bearer <key>"), where="header")],
            )
        digest = hash_key(authorization[7:].strip())
        version = self.store.data_version()
        if version != self._seen_version:  # another connection committed: look again
            self._known.clear()
            self._seen_version = version
        known = self._known.get(digest)
        if known is not None:
            return known
        with self.store.read() as db:
            rows = list(db.query("SELECT * FROM api_keys WHERE hash = ?", [digest]))
        if not rows or rows[0]["revoked_at"]:
            raise Unauthorized(
                _("the API key is unknown or revoked"),
                errors=[field_error("Authorization", _("a live key"), where="header")],
            )
        principal = self._known[digest] = self._principal(rows[0])
        return principal

    def principal_of(self, key_id: str) -> Principal:
        """The caller of a live key by its id (a signed-in page session holds the id, never
        the key); 401 when it is unknown or has been revoked since."""
        with self.store.read() as db:
            rows = list(db.query("SELECT * FROM api_keys WHERE id = ?", [key_id]))
        if not rows or rows[0]["revoked_at"]:
            raise Unauthorized(_("the API key is unknown or revoked"))
        return self._principal(rows[0])

    def _principal(self, row: dict[str, Any]) -> Principal:
        org = row["org"]
        region_of = [
            a.id for a in self.registry.agreements.values() if a.parties.region_code == org
        ]
        member_of = [
            a.id
            for a in self.registry.agreements.values()
            if any(m.code == org for m in a.parties.municipalities)
        ]
        admin = self._expand(json.loads(row["agreements"])) if row["role"] == "admin" else ()
        return Principal(
            key_id=row["id"],
            org=org,
            role=row["role"],
            label=row["label"],
            party_agreements=tuple(region_of),
            admin_agreements=admin,
            is_municipality=len(org) == 4,
            memberships=tuple(member_of),
        )
