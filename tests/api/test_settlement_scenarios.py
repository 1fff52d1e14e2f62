"""Settlement scenarios, played through the API by the plugin kit: each plugin ships
``scenarios/settlements.toml`` in its package, found through its ``samverkan`` entry point
(:func:`samverkan.kernel.loading.scenario_files`) and run by :mod:`samverkan.kit.settlements`
(the application in this process, on a SQLite file of its own, its date the file's latest).

Each ``[[scenario]]`` registers a placement, posts its cost agreements in order (a refused one
names its expected status and field), its cost entries, and any cost dispute resolved with a
retroactive adjustment; then each ``[[scenario.expect]]`` reads the settlement as of a date and
compares it with the hand-computed figures written next to it in the file.
"""

from __future__ import annotations

from samverkan.kernel.loading import scenario_files
from samverkan.kit import kit_for
from tests.support.plugin_data import AGREEMENTS

#: The settlement scenarios of each built-in plugin, one case per plugin.
test_kit = kit_for(*AGREEMENTS, only=("settlements",))


def test_every_agreement_has_settlement_scenarios() -> None:
    assert set(scenario_files("settlements")) >= set(AGREEMENTS)
