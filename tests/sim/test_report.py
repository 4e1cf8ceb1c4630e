"""`simulate` reports: every scenario and difficulty, shares, failing clauses, --fail-on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=120)


def test_all_scenarios_and_difficulties_give_a_table_each() -> None:
    done = cli("simulate", "--content", str(STARTER), "--games", "6", "--scenario", "all",
               "--difficulty", "all", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    from game.content.loader import load_runtime

    rt = load_runtime(STARTER)
    assert set(data["by_scenario"]) == {s.id for s in rt.pack.scenarios}
    for by in data["by_scenario"].values():
        assert set(by) == {d.id for d in rt.pack.difficulties}
        for part in by.values():
            assert set(part) >= {"strategies", "endings", "events_never_seen", "endings_never_reached"}
    parts = [p for by in data["by_scenario"].values() for p in by.values()]
    assert data["games"] == sum(p["games"] for p in parts)
    text = cli("simulate", "--content", str(STARTER), "--games", "3", "--scenario", "all",
               "--difficulty", "all")
    tables = len(rt.pack.scenarios) * len(rt.pack.difficulties)
    assert text.returncode == 0 and text.stdout.count("games of '") == tables


def test_shares_and_failing_clauses_are_measured() -> None:
    data = json.loads(cli("simulate", "--content", str(STARTER), "--games", "20", "--format", "json").stdout)
    shares = data["card_seen_share"]
    assert all(0 <= v <= 1 for v in shares.values()) and max(shares.values()) == 1.0
    assert all(0 <= v <= 1 for v in data["choice_taken_share"].values())
    for ending, clauses in data["ending_failed_clauses"].items():
        assert ending in data["endings"] and clauses
        assert all(1 <= c["campaigns"] <= c["of"] and c["clause"] for c in clauses)
    never = [e for e, n in data["endings"].items() if n == 0]
    assert data["endings_never_reached"] == never


def test_fail_on_exits_1_only_when_a_list_is_not_empty() -> None:
    one = cli("simulate", "--content", str(STARTER), "--games", "1", "--strategy", "un_first",
              "--format", "json", "--fail-on", "unreached")
    data = json.loads(one.stdout)
    assert data["endings_never_reached"] and one.returncode == 1
    many = json.loads(cli("simulate", "--content", str(STARTER), "--games", "30", "--format", "json").stdout)
    lists = {"unseen": "events_never_seen", "untaken": "choices_never_taken",
             "unreached": "endings_never_reached"}
    empty = [k for k, v in lists.items() if not many[v]]
    assert empty, "some list is empty over 30 games a strategy"
    ok = cli("simulate", "--content", str(STARTER), "--games", "30", "--fail-on", ",".join(empty))
    assert ok.returncode == 0
    assert cli("simulate", "--content", str(STARTER), "--games", "1", "--fail-on", "nope").returncode == 2
