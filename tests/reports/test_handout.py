"""The pre-game handout: generated from the pack (so a mod's is its own), in Markdown and HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from game.content.loader import load_runtime
from game.reports.handout import handout_data, render_handout

ROOT = Path(__file__).resolve().parents[2]


def test_the_handout_comes_from_the_pack(rt) -> None:  # type: ignore[no-untyped-def]
    data = handout_data(rt)
    text = render_handout(rt, "md")
    for actor in rt.pack.actors:
        assert f"**{actor.name}**" in text
    for policy in rt.pack.policies:
        assert f"### {policy.name}" in text
        for level in policy.levels:
            assert f"| {level.name} |" in text
    for pid in rt.pack.manifest.source.paragraphs:
        assert f"`{pid}`" in text
    assert rt.pack.manifest.source.citation in text
    assert [g["title"] for g in data["actors"]][0] == "Tier 1"


def test_hidden_quantities_are_named_but_their_moves_are_not_shown() -> None:
    rt = load_runtime(ROOT / "content")
    hidden = [m for m in rt.pack.meters if m.hidden]
    text = render_handout(rt, "md")
    for meter in hidden:
        assert f"{meter.name} (hidden until the end)" in text
        table = text.split("## The actors")[0]
        assert f"{meter.name} +" not in table and f"{meter.name} -" not in table


def test_handout_command(cli, pack_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "handout.html"
    ok = cli("handout", "--format", "html", "--out", str(out), "--content", str(pack_dir))
    assert ok.returncode == 0, ok.stderr
    page = ET.fromstring(out.read_text().removeprefix("<!DOCTYPE html>\n"))
    assert page.find(".//h1") is not None and "<script" not in out.read_text()
    md = cli("handout", "--content", str(pack_dir))
    assert md.returncode == 0 and md.stdout.startswith("# ")
    bad = cli("handout", "--content", str(tmp_path / "no-such-pack"))
    assert bad.returncode == 1


def test_how_a_month_runs_is_counted_from_the_pack() -> None:
    """The handout's month (cards, choices, advisors, policies) is the pack's: the base pack deals three
    or four choices a card, with every advisor on every card; a mod's card of two choices and two
    advisors changes the sentence."""
    base = render_handout(load_runtime(ROOT / "content"), "md")
    assert ("then one to three event cards with three or four choices each; the four advisors comment "
            "on each card. Then you set three standing policies") in base
    mod = load_runtime(ROOT / "content", [ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"])
    assert "with two to four choices each; two to four of the four advisors comment on a card" \
        in render_handout(mod, "html")
