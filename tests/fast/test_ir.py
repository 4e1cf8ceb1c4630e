"""The integer form: ints only, stable, and naming the runtime's own blocks and slots."""

from __future__ import annotations

import json
from pathlib import Path

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.fast.ir import IR_VERSION, build_ir

BASE = Path(__file__).resolve().parents[2] / "content"


def _ints(value: object) -> bool:
    if isinstance(value, list):
        return all(_ints(x) for x in value)
    return isinstance(value, int) and not isinstance(value, bool)


def test_code_and_tables_are_integers_only(starter_rt: Runtime) -> None:
    ir = build_ir(starter_rt)
    assert ir.header["version"] == IR_VERSION
    assert _ints(ir.code) and all(_ints(rows) for rows in ir.tables.values())
    assert all(_ints(v) for v in ir.header.values())
    json.dumps(ir.to_json())  # JSON-able as it stands


def test_hash_is_stable_across_loads() -> None:
    first, second = build_ir(load_runtime(BASE)), build_ir(load_runtime(BASE))
    assert first.hash == second.hash and len(first.hash) == 64
    assert first.to_json() == second.to_json()


def test_names_match_the_runtime(starter_rt: Runtime) -> None:
    ir = build_ir(starter_rt)
    assert set(ir.names["blocks"]) == set(starter_rt.blocks)
    assert ir.names["quantities"] == starter_rt.quantities
    assert [ir.names["endings"][row[0]] for row in ir.tables["endings"]] == [e.id for e in starter_rt.endings]
    assert [ir.names["endings"][row[0]] for row in ir.tables["watch"]] == [e for e, _ in starter_rt.watch]
    h = ir.header
    assert h["size"] == h["e0"] + len(starter_rt.events)
    for row, ev in zip(ir.tables["events"], ir.names["events"], strict=True):
        assert tuple(row[6:10]) == starter_rt.events[ev].window
