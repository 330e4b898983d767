"""An event's casualty statements and their totals: what adds up, what replaces what.

One job: group an event's figures into statements (the figures one sentence gives for it; an
"also" figure joins the one before) and sum them. Within a statement the figures of different
victims add up ("six police officers and two civilians" = 8); across statements an update ("the
toll rose to 15") replaces what came before, otherwise the lowest stands. "No one was hurt" = 0
killed and 0 injured; "no injuries" = 0 injured.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.model import CasualtyCount


@dataclass(frozen=True)
class Statement:
    """The figures one sentence gives for one event (they add up)."""

    key: tuple[int, int]  # (mention id, sentence index)
    counts: tuple[CasualtyCount, ...]
    update: bool = False


def totals(statements: list[Statement]) -> tuple[int | None, int | None]:
    """(killed, injured) over the statements of one event.

    Within a statement the figures of different victims add up. Across statements,
    an update ("the toll rose to 15") replaces what came before; otherwise the
    figures compete and the lowest stands (the most conservative report, as ACLED
    records them).
    """
    result: dict[str, int] = {}
    updated: set[str] = set()
    for statement in statements:
        summed: dict[str, int] = {}
        for c in statement.counts:
            summed[c.outcome] = summed.get(c.outcome, 0) + c.count
        for outcome, value in summed.items():
            if statement.update:
                result[outcome] = value
                updated.add(outcome)
            elif outcome in updated:
                continue
            else:
                result[outcome] = min(result.get(outcome, value), value)
    return result.get("Killed"), result.get("Injured")


def statements_of(mentions) -> list[Statement]:
    """The casualty statements of a group of mentions, in text order ("also" figures join the one before)."""
    grouped: dict[tuple[int, int], list[CasualtyCount]] = {}
    updates: dict[tuple[int, int], bool] = {}
    order: list[tuple[int, int]] = []
    for mention in mentions:
        last_key = None
        for count, (sentence, update, additional) in zip(mention.casualties, mention.casualty_notes):
            key = last_key if additional and last_key is not None else (id(mention), sentence)  # sentence = anchor
            if key not in grouped:
                grouped[key] = []
                order.append(key)
            grouped[key].append(count)
            updates[key] = updates.get(key, False) or update
            last_key = key
    order.sort(key=lambda k: k[1])
    return [Statement(k, tuple(grouped[k]), updates[k]) for k in order]
