"""An item matched by its 基本编码 whose name, in other wording than the coded matter's, is
another catalogue matter's (code_names_another_matter beyond equal names): the name tier reads
it as that matter, or it carries the word that tells a sibling from the coded matter (二级 /
一级, 注销 / 设立, 企业职工 / 城乡居民) and not the coded matter's word."""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..matching import FILLER_WORDS, NameEntry, NameIndex, entry, match_name
from ..model import ListItem, Matter

_SIBLINGS = 5  # the closest catalogue names an item's name is read against


def read_as_another(
    item: ListItem, coded: Matter, index: NameIndex, by_node: dict[str, Matter]
) -> tuple[Matter, str] | None:
    """(the matter the item's name is, why) when its name, worded otherwise than `coded`'s,
    is read as another matter in use: by the name tier, or by a sibling's distinguishing word.
    Only names that differ much from the coded matter's (similarity under 80), contrast with
    it or name an action it does not (食品经营许可-注销, 食品经营许可证注销 on the code of
    食品经营许可, read as （注销） is) are read: a province has hundreds of thousands of coded
    items."""
    mapping = index.mapping
    q = entry(item.node, item.name, mapping, task_type=item.task_type, implementing=True)
    own = entry(coded.node, coded.name, mapping)
    if not q.key or q.key == own.key:
        return None
    near = fuzz.ratio(q.key, own.key)
    if near >= 80 and not index.contrast(q.key, own.key) and not _adds_action(q, own):
        return None
    hit = match_name(index, q)
    if hit is not None:
        named = _another(hit[0], coded, by_node)
        if named is None:
            return None  # the name tier reads it as its own matter (or as several)
        return named, (
            f"its name reads as catalogue matter {named.basic_code} {named.name} "
            f"({hit[1].evidence})"
        )
    return _sibling_word(q, own, near, coded, index, by_node)


def _adds_action(q: NameEntry, own: NameEntry) -> bool:
    """Does the item's name name an action (业务办理项) the coded matter's name does not?"""
    if q.parts is None:
        return False
    return bool(q.parts.actions - (own.parts.actions if own.parts is not None else frozenset()))


def _another(group: list[NameEntry], coded: Matter, by_node: dict[str, Matter]) -> Matter | None:
    """The one matter in use a name reads as, when it is not the coded matter nor its 主项
    (a list names its 新办 子项 by its 主项's name)."""
    named = [by_node[e.id] for e in group if e.id in by_node and by_node[e.id].in_use]
    if len(named) != 1 or named[0].basic_code in (coded.basic_code, coded.parent_code):
        return None
    return named[0]


def _sibling_word(
    q: NameEntry,
    own: NameEntry,
    near: float,
    coded: Matter,
    index: NameIndex,
    by_node: dict[str, Matter],
) -> tuple[Matter, str] | None:
    """A catalogue name closer to the item's than the coded matter's whose words that tell it
    from the coded matter's the item carries (one at least), while it carries none of the
    coded matter's own."""
    for key, score in index.ranked(q.key)[:_SIBLINGS]:
        if score <= near:
            break
        named = _another(index.by_key[key], coded, by_node)
        if named is None:
            continue
        theirs, mine = _telling_words(key, own.key, index.mapping.fuzzy_filler)
        said = [w for w in theirs if w in q.key]
        if said and not any(w in q.key for w in mine):
            why = (
                f"its name says '{'、'.join(said)}' where its code's matter says "
                f"'{'、'.join(mine)}', as catalogue matter {named.basic_code} {named.name} does"
            )
            return named, why
    return None


def _telling_words(a: str, b: str, filler: frozenset[str]) -> tuple[list[str], list[str]]:
    """The runs two names do not share (a's, b's), each of content, widened by the shared
    character after it (or before) to two characters at least: 二级 / 一级 where only 二 / 一
    differ."""
    out: tuple[list[str], list[str]] = ([], [])
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        for side, text, start, end in (
            (0, a, op.src_start, op.src_end),
            (1, b, op.dest_start, op.dest_end),
        ):
            if end == start:
                continue
            if end - start < 2:
                start, end = (start, end + 1) if end < len(text) else (max(start - 1, 0), end)
            word = text[start:end]
            if _content(word, filler) and len(word) >= 2:
                out[side].append(word)
    return out


def _content(run: str, filler: frozenset[str]) -> str:
    for word in FILLER_WORDS:
        run = run.replace(word, "")
    return "".join(c for c in run if c not in filler and c not in "()")
