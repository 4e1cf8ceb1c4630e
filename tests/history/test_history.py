"""History on every front: the card's basis, its variants, and what actually happened once decided."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from game.engine.runtime import Runtime
from game.history import campaign_notes, card_text, decided_notes, desk_text, showing_number
from game.reports.debrief import debrief_data, render_debrief
from game.session import Session
from tests.cli.run import cli
from tests.history.conftest import HAPPENED, SOURCES, VARIANT


def play_first_choices(rt: Runtime, seed: str = "7") -> tuple[Session, list[tuple[str, str]]]:
    """Play a campaign answering every card with its first choice; record each card's desk text."""
    session = Session.new(rt, seed=seed)
    shown: list[tuple[str, str]] = []
    while not session.finished:
        cards = session.cards()
        shown += [(card.id, desk_text(session, card)) for card in cards]
        session.play(session.decide([card.choices[0].id for card in cards]))
    return session, shown


def test_card_text_cycles_through_the_variants() -> None:
    event = SimpleNamespace(text="main", variants=["one", "two"])
    assert [card_text(event, n) for n in range(1, 8)] == ["main", "one", "two", "main", "one", "two", "main"]
    assert card_text(SimpleNamespace(text="only", variants=[]), 3) == "only"
    assert showing_number([["a", "b"], [], ["a"]], "a") == 3
    assert showing_number([], "a") == 1


def test_a_repeatable_card_reads_its_variant_on_the_second_showing(history_rt: Runtime) -> None:
    _, shown = play_first_choices(history_rt)
    spoilers = [text for event, text in shown if event == "spoilers"]
    main = history_rt.pack.get("events", "spoilers").text
    assert spoilers == [main, VARIANT, main]  # seed 7 draws it three times


def test_the_note_comes_once_the_month_is_decided(history_rt: Runtime) -> None:
    session = Session.new(history_rt, seed="7")
    session.play(session.decide([c.choices[0].id for c in session.cards()]))
    assert "sochi_congress" in session.state.cards
    assert all(n.event != "sochi_congress" for n in decided_notes(session))  # on the desk, not decided
    session.play(session.decide([c.choices[-1].id for c in session.cards()]))
    note = next(n for n in decided_notes(session) if n.event == "sochi_congress")
    assert (note.basis, note.happened, note.sources) == ("Historical", HAPPENED, SOURCES)
    assert note.actual == "Invite the UN envoy" and note.chosen == "Fill the hall with loyalists"
    assert not note.same


def test_the_debrief_gathers_the_notes_and_reads_the_variants(history_rt: Runtime) -> None:
    session, _ = play_first_choices(history_rt)
    notes = {n.event: n for n in campaign_notes(session)}
    assert notes["sochi_congress"].same and notes["spoilers"].basis == "Plausible development"
    data = debrief_data(session)
    texts = [c["text"] for t in data["turns"] for c in t["cards"] if c["title"] == "Spoilers in the zones"]
    assert texts[1] == VARIANT and texts[0] != VARIANT
    md = render_debrief(session, "md")
    section = md.split("## History and your campaign", 1)[1].split("## Turn by turn", 1)[0]
    assert HAPPENED in section and SOURCES in section
    same = "Moscow's actual course: *Invite the UN envoy*; you chose *Invite the UN envoy* (the same)"
    assert same in section
    assert "(plausible development)" in section
    html = render_debrief(session, "html")
    assert '<section id="history">' in html and HAPPENED in html


def test_plain_mode_marks_the_basis_and_tells_what_happened_after_the_month(history_pack: Path) -> None:
    done = cli("play", "--plain", "--content", str(history_pack), "--seed", "7", stdin="2\n" * 40)
    out = " ".join(done.stdout.split())  # plain mode wraps its paragraphs
    assert done.returncode == 0, done.stderr
    assert "The Sochi congress (historical)" in out
    assert "Spoilers in the zones (plausible development)" in out
    heading = out.index("The Sochi congress (historical)")
    decided = out.index("What actually happened - The Sochi congress")
    assert heading < decided and out.index("Fill the hall", heading) < decided
    assert HAPPENED in out[decided:] and HAPPENED not in out[:decided]
    assert "Moscow's actual course: Invite the UN envoy (you chose: Fill the hall with loyalists)" in out
    assert VARIANT in out


def test_cards_without_history_show_no_word(starter_rt: Any) -> None:
    done = cli("play", "--plain", "--seed", "7", "--content",
               str(Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"), stdin="1\n" * 40)
    assert "(historical)" not in done.stdout and "What actually happened" not in done.stdout


def test_the_tui_card_shows_the_badge_and_the_report_the_note(history_pack: Path, history_rt: Runtime,
                                                              tmp_path: Path) -> None:
    from textual.widgets import Static

    from game.tui.app import make_app
    from game.tui.config import GameConfig
    from tests.tui.conftest import SMALL, plain_text, play_month, run, start

    config = GameConfig(content=history_pack, saves=tmp_path / "saves", seed="7", theme="textual-dark",
                        animations=False, runtime=history_rt)
    app = make_app(config)

    def shown(selector: str) -> str:
        return " ".join(plain_text(app.screen.query_one(selector, Static).content).split())

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            assert "Plausible development" in shown("#card-body > .card-meta")
            await play_month(pilot, "1")
            assert "Historical" in shown("#card-body > .card-meta")  # the Sochi congress
            assert "What actually happened" not in shown("#report")
            await play_month(pilot, "1")
            assert "What actually happened: The Sochi congress" in shown("#report")  # folded at 80x24
            await pilot.press("r")  # open the report
            await pilot.pause()
            report = shown("#report")
            assert "What actually happened (The Sochi congress)" in report and HAPPENED in report
            assert "Moscow's actual course: Invite the UN envoy (as you did)" in report

    run(go())
