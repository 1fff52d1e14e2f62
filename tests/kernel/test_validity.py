"""How long a version is in force, and the one inheritance mechanism, in-process.

The HSA's self-extension (HSA 1.6) and a recorded written notice, as the registry and the
deadline rows see them; config that cannot mean anything is refused at start-up; and
``samverkan.inherit`` (restate by key, replace by ``replaces``, inherit the rest, annotate).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.cases.deadlines import Deadlines
from samverkan.delivery.sweep import Sweeper
from samverkan.inherit import annotate, carry_forward, inherit_cost_policy, inherit_rules, restated
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import AgreementConfig, Settings, load_settings
from samverkan.kernel.errors import ConfigError
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.models import Citation, Rule, Strength
from samverkan.store.db import Store
from samverkan.store.migrations import MIGRATIONS
from samverkan_plugins.vgr.ok_2017.cost import COST_POLICY as OK_POLICY

D = dt.date.fromisoformat


def registry(**vgr: object) -> Registry:
    settings = Settings(enabled=["vgr"], agreements={"vgr": AgreementConfig(**vgr)} if vgr else {})
    return Registry(make_plugin_manager(["vgr"]), settings)


def version_deadlines(tmp_path: Path, reg: Registry, today: str) -> dict[str, dict[str, str]]:
    store = Store(tmp_path / "t.db", MIGRATIONS)
    try:
        deadlines = Deadlines(store, reg, Settings().sweep, Clock(fixed_today=D(today)))
        with store.write() as db:
            deadlines.sync_versions(db)
        with store.read() as db:
            rows = db.query("SELECT * FROM deadlines WHERE status = 'open'")
            return {r["subject_id"]: r for r in rows}
    finally:
        store.close()


# -- the HSA's term --------------------------------------------------------------------------


def test_without_notice_the_hsa_runs_on_in_three_year_terms() -> None:
    term = registry().term("vgr", "hsa-2027")
    assert term.ends_on is None
    assert [term.term_end(n) for n in range(4)] == [
        D("2030-12-31"),
        D("2033-12-31"),
        D("2036-12-31"),
        D("2039-12-31"),
    ]
    assert term.notice_deadline(0) == D("2029-06-30")
    assert term.notice_deadline(1) == D("2032-06-30")


@pytest.mark.parametrize(
    ("notice", "ends"),
    [
        ("2027-01-01", "2030-12-31"),
        ("2029-05-01", "2030-12-31"),
        ("2029-06-30", "2030-12-31"),
        ("2029-07-01", "2033-12-31"),
        ("2029-09-01", "2033-12-31"),
        ("2032-06-30", "2033-12-31"),
        ("2032-07-01", "2036-12-31"),
    ],
)
def test_a_notice_ends_the_hsa_at_the_first_term_end_it_is_in_time_for(
    notice: str, ends: str
) -> None:
    reg = registry(notice_given_on=D(notice), notice_reason="beslut")
    assert reg.term("vgr", "hsa-2027").ends_on == D(ends)
    assert reg.in_force("vgr", D(ends)).validity.ends_on == D(ends)


def test_the_end_in_force_drives_the_version_deadline(tmp_path: Path) -> None:
    renewing = version_deadlines(tmp_path / "a", registry(), "2028-01-01")["vgr/hsa-2027"]
    assert renewing["kind"] == "version_renewal" and renewing["due_on"] == "2030-12-31"
    assert "2033-12-31" in renewing["explanation"] and "2029-06-30" in renewing["explanation"]
    later = version_deadlines(tmp_path / "b", registry(), "2031-02-01")["vgr/hsa-2027"]
    assert later["due_on"] == "2033-12-31"
    noticed = registry(notice_given_on=D("2029-09-01"), notice_reason="beslut")
    ending = version_deadlines(tmp_path / "c", noticed, "2028-01-01")["vgr/hsa-2027"]
    assert ending["kind"] == "version_ending" and ending["due_on"] == "2033-12-31"
    assert ending["remind_on"] == "2033-10-02"


def test_a_renewing_term_warns_that_it_renews_not_that_it_ends() -> None:
    row = {"due_on": "2030-12-31", "remind_on": "2030-10-02", "fires": "ending"}
    renewal = Sweeper._events({**row, "kind": "version_renewal"}, D("2030-10-05"))
    assert renewal == [("version_renewing_soon", D("2030-10-02"))]
    ending = Sweeper._events({**row, "kind": "version_ending"}, D("2030-10-05"))
    assert ending == [("version_ending_soon", D("2030-10-02"))]


def test_the_ok_keeps_its_own_end(tmp_path: Path) -> None:
    rows = version_deadlines(tmp_path, registry(), "2026-06-01")
    assert rows["vgr/ok-2017"]["kind"] == "version_ending"
    assert rows["vgr/ok-2017"]["due_on"] == "2026-12-31"


# -- config that cannot mean anything ------------------------------------------------------


def test_a_notice_needs_its_reason(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[agreements.vgr]\nnotice_given_on = 2029-05-01\n")
    with pytest.raises(ConfigError, match="notice_reason"):
        load_settings(config)


def test_a_notice_needs_a_text_that_extends_itself() -> None:
    settings = Settings(
        enabled=["dalarna"],
        agreements={"dalarna": AgreementConfig(notice_given_on=D("2024-01-01"), notice_reason="x")},
    )
    with pytest.raises(ConfigError, match="does not extend itself"):
        Registry(make_plugin_manager(["dalarna"]), settings)


def test_an_extension_beyond_a_self_extending_text_needs_a_notice_first() -> None:
    with pytest.raises(ConfigError, match="notice_given_on"):
        registry(extended_to=D("2034-06-30"), extension_reason="beslut")
    with pytest.raises(ConfigError, match="after the text's own end 2030-12-31"):
        registry(
            notice_given_on=D("2029-05-01"),
            notice_reason="beslut",
            extended_to=D("2030-06-30"),
            extension_reason="beslut",
        )
    reg = registry(
        notice_given_on=D("2029-05-01"),
        notice_reason="beslut",
        extended_to=D("2031-06-30"),
        extension_reason="Regionfullmäktige 2030-11-20",
    )
    in_force = reg.in_force("vgr", D("2031-03-01"))
    assert in_force.validity.basis == "config_extension"
    assert any("only by an extension" in n.text for n in in_force.notices)


# -- samverkan.inherit --------------------------------------------------------------------------

C = Citation(document="Test", clause="1")


def rule(key: str, *replaces: str) -> Rule:
    return Rule(key=key, text=key, strength=Strength.SHALL, citation=C, replaces=replaces)


def test_restate_by_key_replace_by_name_inherit_the_rest() -> None:
    parent = (rule("a"), rule("b"), rule("c"), rule("d"))
    own = (rule("a"), rule("x", "b", "c"))
    merged = inherit_rules(own, parent, restated(own))
    assert [r.key for r in merged] == ["a", "x", "d"]
    assert merged[0] is own[0]


def test_an_inherited_rule_may_carry_a_note() -> None:
    """How a version that carries an earlier one forward (HSA <- ÖK 3.5) marks what it took."""
    carried = inherit_cost_policy(OK_POLICY, OK_POLICY, note="carried forward")
    assert carried == OK_POLICY  # a policy restates all its own keys: nothing added twice
    bare = inherit_rules((), OK_POLICY.notes, set(), note="Carried forward (assumption).")
    assert [r.key for r in bare] == [r.key for r in OK_POLICY.notes]
    assert all(r.citation.note.endswith("Carried forward (assumption).") for r in bare)


def test_annotate_adds_the_note_and_makes_the_changes() -> None:
    from samverkan_plugins.vgr.ok_2017.deadlines import ACUTE_COST_AGREEMENT

    noted = annotate(rule("a"), "carried forward")
    assert noted.citation.note == "carried forward" and noted.key == "a"
    assert annotate(noted, "again").citation.note == "carried forward again"
    assert annotate(noted, "") is noted
    retitled = annotate(ACUTE_COST_AGREEMENT, "carried", title="T", assumption="A")
    assert (retitled.title, retitled.assumption, retitled.citation.note) == ("T", "A", "carried")
    assert retitled.period == ACUTE_COST_AGREEMENT.period


def test_a_later_version_states_what_changes_and_takes_the_rest() -> None:
    """``carry_forward``: the later version's own notes first, then every earlier one it does not
    restate or replace (with the note, if given); every other part is the earlier one's."""
    own = (rule("new"), rule("x", "reassess_split"))
    later = carry_forward(OK_POLICY, note="carried", notes=own, units=("percent",))
    assert later.units == ("percent",) and later.schablon == OK_POLICY.schablon
    keys = [r.key for r in later.notes]
    assert keys[:2] == ["new", "x"] and "reassess_split" not in keys
    assert keys[2:] == [r.key for r in OK_POLICY.notes if r.key != "reassess_split"]
    assert [r.key for r in later.prerequisites] == [r.key for r in OK_POLICY.prerequisites]
    assert all(r.citation.note.endswith("carried") for r in later.prerequisites)
    assert carry_forward(OK_POLICY) == OK_POLICY
