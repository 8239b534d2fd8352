"""Matching names across levels, in tiers, each match with its reason.

Tiers, strongest first (docs/definitions.md has the full text):
  code   the item's 基本编码 (given, or read from its 实施编码) is a catalogue code;
  name   the normalised names are equal (level qualifiers, brackets, punctuation, traditional
         characters do not count), or equal once a parenthetical note present on one side only
         is dropped (a note on the candidate; an inclusive note on the query; any note on a list
         item looking for its catalogue matter, but one naming an action a 子项 of the catalogue
         names: 某某许可（变更）（乡镇） is 某某许可（变更）); the matter types agree (or one
         side has none), except for equal names, which match whatever the types when none
         agrees (stated); of several catalogue matters of one name, the one of the item's
         department;
  fuzzy  names that differ only in how the grant is worded (居住证核发 / 居住证办理,
         蚕种生产许可 / 蚕种生产许可证核发, 审批 / 许可), or in words that narrow no matter where
         no sibling is named with them (养老服务机构 / 养老机构, 企业投资项目 / 投资项目:
         NameIndex.loosely_same); else rapidfuzz ratio over blocked
         candidates (shared character bigrams): names that differ only in filler words (的, 和,
         在, 进行 …) or in word order at `fuzzy.supported`; names that differ in content at
         `fuzzy.accept` and only when the department or the legal basis agrees, and the names
         themselves weigh something (ratio at the lowest name band); never across a contrast
         (生产/经营, 设立/注销, 许可/备案, different numbers, a qualifier put in front: 生育 vs
         计划生育, or inserted inside: 道路危险货物 vs 道路货物, a negation on one side: 未满十八岁
         vs 满十八岁, an approval swapped for another kind of act: 审批 vs 备案), nor to a record
         naming more parts of a matter than the decision (企业投资扩建民用机场项目核准 does not
         reach 企业投资民用机场项目核准; a decision naming the whole reaches each part): siblings
         share their department and legal basis.
Pure functions over records: nothing here reads files.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from .beside import Beside
from .code_tier import DECIMALS, DECIMALS_ZEROS, HYPHENS, LAYOUT, code_tier_read
from .mappings import Mapping
from .model import ListItem, Match, Matter
from .normalise import name_core, name_key, simplify
from .wording import (
    MIN_STEM_LENGTH,
    Grades,
    Loose,
    Named,
    Parts,
    Prefix,
    Wording,
    act_changed_by_type,
    act_wording_aside,
    action_acts,
    action_conflict,
    actions_in,
    agency_heads,
    applied_for,
    bare_notes,
    bare_part,
    grades,
    issuing_verb,
    kind_acts,
    lists_actions,
    lists_its_actions,
    loose_stem,
    may_have_prefix,
    named_parts,
    note_actions,
    note_conflict,
    of_its_kind,
    one_term_act,
    opens_with_first_grant,
    part_conflict,
    parts,
    scope_conflict,
    separated_agency,
    separated_main,
    set_aside,
    set_aside_prefixes,
    top_notes,
    unapplied,
    wording_difference,
)

MIN_SCHEME_SAMPLE = 20  # coded items a list needs for its own code scheme to be judged
MIN_POPULATION = 20  # entries a value's share is counted over, at least (NameIndex._informative)
_LAW = re.compile(r"《([^》]{2,60})》")
_DIGITS = re.compile(r"\d+")
# Filler words of more than one character: light verbs and 关于 (对…进行备案, 关于…的审批). The
# mapping's `fuzzy.filler` holds single characters.
FILLER_WORDS = ("进行", "予以", "给予", "加以", "关于")
_FILLER_WORD_CHARS = frozenset("".join(FILLER_WORDS))
# What one name adds to say it leaves out what the other names (除…外 is two runs: 除, 外).
_EXCLUSIONS = frozenset(("除外", "除以外", "除之外", "以外", "不含", "不包括", "不包含", "不属于"))
_DEPT_NOISE = re.compile(
    r"省级|市级|县级|区级|乡级|国家|省|市|县|区|乡|镇|人民政府|政府|行政|主管|管理|部门|机关|机构|"
    r"办公室|委员会|[、,，和及与/]|局|厅|委|部|分局|大队|中心|所"
)


@dataclass(frozen=True)
class NameEntry:
    """One side of a name comparison: what the matcher needs of a matter, item or decision."""

    id: str  # graph node id
    name: str
    key: str
    core: str
    task_type: str = ""
    department: str = ""
    by_law: str = ""
    implementing: bool = False  # a list item looking for the catalogue matter it implements
    own_note_dropped: bool = False  # such an item, compared without its own note
    parts: Parts | None = None  # stem, actions, scope (wording.parts); None without a wording
    scope: str = ""  # a list item's agency (file, area, agency): one-to-one pressure

    @property
    def has_note(self) -> bool:
        return self.key != self.core


def entry(
    node: str,
    name: str,
    mapping: Mapping,
    *,
    task_type: str = "",
    department: str = "",
    by_law: str = "",
    implementing: bool = False,
) -> NameEntry:
    key = name_key(name, mapping.level_qualifiers)
    read = of_its_kind(parts(key, mapping.wording), task_type, mapping.wording)
    if read.actions and not read.listed and lists_actions(simplify(name), mapping.wording):
        read = replace(read, listed=True)
    return NameEntry(
        node,
        name,
        key,
        name_core(key),
        compared_type(task_type, mapping),
        department,
        by_law,
        implementing,
        parts=read,
    )


def item_prefixes(items: Iterable[ListItem], mapping: Mapping) -> dict[str, tuple[Prefix, ...]]:
    """item node -> the readings of the place or agency its list writes in front of its name,
    longest first, which matching may set aside (wording.set_aside_prefixes), for the items
    that have one. Only the names that may have one are read (wording.may_have_prefix, or the
    first two characters of one of the list's 实施主体, whole or without its place: 区经信局
    gives 区经 and 经信, wording.agency_heads), once per list file, name and 实施主体:
    a province's half a million items hold a few thousand names."""
    wording = mapping.wording
    names: dict[str, _NameRead] = {}
    agency_keys: dict[str, str] = {}
    agencies: dict[str, set[str]] = defaultdict(set)
    for i in items:
        if i.agency not in agency_keys:
            agency_keys[i.agency] = name_key(i.agency)
        agencies[i.ref.file].add(agency_keys[i.agency])
    heads = {
        f: {h for a in keys_ for h in agency_heads(a, wording)} for f, keys_ in agencies.items()
    }
    wanted: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    separated: list[tuple[str, Prefix]] = []  # (item node, its name's separated agency)
    for i in items:  # one pass, each name read once (_NameRead)
        read = names.get(i.name)
        if read is None:
            read = names[i.name] = _NameRead.of(i.name, mapping)
        file = i.ref.file
        if read.may_have_prefix or read.head in heads[file]:
            wanted[file, read.key, agency_keys[i.agency]].append(i.node)
        if read.separated is not None:
            separated.append((i.node, read.separated))
    records = list(wanted)
    found = set_aside_prefixes(records, wording, agencies)
    out = {
        node: hit
        for record, hit in zip(records, found, strict=True)
        if hit
        for node in wanted[record]
    }
    return _with_separated(separated, out)


class _NameRead(NamedTuple):
    """item_prefixes' reading of a name, made once per distinct name: its key, the key's first
    two characters (an agency head of its list bears a prefix out), whether the key may open
    with places, a bracket or a level word (wording.may_have_prefix) and the agency it opens
    with before a separator (_separated_prefix), or None."""

    key: str
    head: str
    may_have_prefix: bool
    separated: Prefix | None

    @classmethod
    def of(cls, name: str, mapping: Mapping) -> _NameRead:
        key = name_key(name, mapping.level_qualifiers)
        wording = mapping.wording
        label = _separated_prefix(name, key, wording)
        return cls(key, key[:2], may_have_prefix(key, wording), label)


def _with_separated(
    separated: list[tuple[str, Prefix]], found: dict[str, tuple[Prefix, ...]]
) -> dict[str, tuple[Prefix, ...]]:
    """`found` with, for each item whose name as written opens with an agency and a separator
    (wording.separated_agency: 区市场监管局-食品经营许可（变更）), that agency as one more reading
    of its prefix, the longest first (`separated`: (item node, that agency), in item order)."""
    for node, label in separated:
        readings = found.get(node, ())
        if all(p.text != label.text for p in readings):
            found[node] = tuple(sorted((*readings, label), key=lambda p: -len(p.text)))
    return found


def _separated_prefix(name: str, key: str, wording: Wording) -> Prefix | None:
    """The agency a name opens with before a separator, or the 主项 name before a dash in front
    of its 子项's own name (separated_main), as a prefix of its key, or None."""
    label = separated_agency(name, wording) or separated_main(name, wording)
    if not label or not key.startswith(label):
        return None
    return Prefix(label) if len(name_core(key[len(label) :])) >= MIN_STEM_LENGTH else None


def without_prefix(e: NameEntry, prefix: Prefix, mapping: Mapping) -> NameEntry:
    """A list item's entry read without the place or agency in front of its name: its key is
    what follows, its parts say what was set aside (Parts.prefix) and take the last place as
    their scope word where the rest names none (wording.set_aside)."""
    rest = e.key[len(prefix.text) :] if e.key.startswith(prefix.text) else e.key
    read = of_its_kind(set_aside(e.key, prefix, mapping.wording), e.task_type, mapping.wording)
    if e.parts is not None and e.parts.listed and read.actions:
        read = replace(read, listed=True)
    return replace(e, key=rest, core=name_core(rest), parts=read)


def prefix_said(match: Match, e: NameEntry) -> Match:
    """A match of an entry read without its prefix, its evidence saying so."""
    if e.parts is None or not e.parts.prefix:
        return match
    said = f"the list item's prefix '{e.parts.prefix}' set aside"
    return replace(match, evidence=f"{match.evidence}; {said}")


def laws(text: str) -> set[str]:
    """The titles of the laws and regulations a 设定依据 cell cites."""
    return {simplify(t).replace(" ", "") for t in _LAW.findall(text or "")}


def department_words(text: str) -> set[str]:
    """Character bigrams of a department name without its level and office words."""
    core = _DEPT_NOISE.sub(" ", simplify(text or ""))
    grams: set[str] = set()
    for part in core.split():
        grams.update(part[i : i + 2] for i in range(len(part) - 1))
    return grams


def contrast(a: str, b: str, groups: list[list[str]]) -> str:
    """The first contrast between two name keys ("生产≠经营"), or "" when there is none."""
    hit = group_contrast(a, b, groups)
    if hit:
        return hit
    swapped = _swapped_contrast(a, b, groups)
    if swapped:
        return swapped
    if set(_DIGITS.findall(a)) != set(_DIGITS.findall(b)):
        return "numbers differ"
    excluded = _exclusion(a, b)
    if excluded:
        return f"one excludes what the other names ('{excluded}')"
    short, long = sorted((a, b), key=len)
    if short and len(long) - len(short) >= 2 and long.endswith(short):
        return f"qualifier '{long[: len(long) - len(short)]}' added in front"
    return ""


def group_contrast(a: str, b: str, groups: list[list[str]]) -> str:
    """The first swap of one word of a group for another between two keys ("个人≠单位")."""
    for group in groups:
        in_a = {w for w in group if w in a}
        in_b = {w for w in group if w in b}
        # words inside longer words of the same group (一类 in 第一类) do not count twice, and
        # an ordinal 第 does not make another class (第三类 is 三类)
        in_a = {w for w in in_a if not any(w != o and w in o for o in in_a)}
        in_b = {w for w in in_b if not any(w != o and w in o for o in in_b)}
        bare_a = {w.removeprefix("第") for w in in_a}
        bare_b = {w.removeprefix("第") for w in in_b}
        only_a = {w for w in in_a if w.removeprefix("第") not in bare_b}
        only_b = {w for w in in_b if w.removeprefix("第") not in bare_a}
        if only_a and only_b:
            return f"{'/'.join(sorted(only_a))}≠{'/'.join(sorted(only_b))}"
    return ""


def _exclusion(a: str, b: str) -> str:
    """The words of exclusion (除…外, 不含, 以外) when they are all two names differ in:
    食品经营许可（除仅销售预包装食品外） names every variant but the one
    食品经营许可（仅销售预包装食品） names."""
    runs = _differing_runs(a, b)
    only_a = "".join(run for run, side in runs if side == "a")
    only_b = "".join(run for run, side in runs if side == "b")
    for mine, theirs in ((only_a, only_b), (only_b, only_a)):
        if mine in _EXCLUSIONS and not theirs:
            return mine
    return ""


def _swapped_contrast(a: str, b: str, groups: list[list[str]]) -> str:
    """Members of one group where the two names differ, also when the other member stands
    elsewhere in both (国有建设用地进口权…土地使用权 vs 国有建设用地使用权…土地使用权;
    对货运经营者…客运站 vs 对客运经营者…客运站): a word swapped for another of its group."""
    touched_a, touched_b = _differing_positions(a, b)
    if not touched_a or not touched_b:
        return ""
    for group in groups:
        in_a = _touched_words(a, group, touched_a)
        in_b = _touched_words(b, group, touched_b)
        if in_a and in_b and not in_a & in_b:
            return f"{'/'.join(sorted(in_a))}≠{'/'.join(sorted(in_b))}"
    return ""


def scope_swap(a: str, b: str, wording: Wording) -> str:
    """Scope words where two name keys differ that name different levels, wherever they stand
    (出售、购买、利用国家重点保护… vs …利用省重点保护…; 对市级文物保护单位… vs 对县级…): another
    matter, as a scope word at the start is (wording.scope_conflict). A scope word on one side
    only, or one scope inside the other (国家和省 / 国家: only 和省 differs), or two words for one
    level (区级 / 县级) is no swap. "" when there is none, else "国家≠省"."""
    if not wording.scope_levels:
        return ""
    touched_a, touched_b = _differing_positions(a, b)
    if not touched_a or not touched_b:
        return ""
    words = [w for w, _ in wording.scope_levels]
    in_a = _touched_words(a, words, touched_a)
    in_b = _touched_words(b, words, touched_b)
    if in_a and in_b and not {wording.level(w) for w in in_a} & {wording.level(w) for w in in_b}:
        return f"{'/'.join(sorted(in_a))}≠{'/'.join(sorted(in_b))}"
    return ""


def act_change(a: str, b: str, wording: Wording) -> str:
    """Act words where two name keys differ that name different kinds of act
    (`wording.act_kinds`): an approval (审批, 审核, 核准, 许可, 核发 …) swapped for 备案, 确认 or
    登记 names another matter, whatever else agrees: 国发〔2019〕6号 cancels
    石油天然气对外合作项目总体开发方案审批 and says 取消审批后改为备案, and the list's …备案 is
    the matter that replaced it. Words of one kind are spellings of one act (审批 / 审核). An act
    word on one side only (农药登记 / 农药登记审批) or one both keep (登记审批 / 登记审核) is no
    change. "" when there is none, else "kinds of act (审批≠备案)"."""
    if not wording.act_kinds:
        return ""
    touched_a, touched_b = _differing_positions(a, b)
    if not touched_a or not touched_b:
        return ""
    kind = dict(wording.act_kinds)
    words = list(kind)
    in_a = _touched_words(a, words, touched_a)
    in_b = _touched_words(b, words, touched_b)
    kinds_a = {kind[w] for w in in_a}
    kinds_b = {kind[w] for w in in_b}
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return f"kinds of act ({'/'.join(sorted(in_a))}≠{'/'.join(sorted(in_b))})"
    return ""


def negation_change(a: str, b: str, wording: Wording) -> str:
    """A negation word (`wording.negations`: 未, 不, 非, 无) one name carries more often than the
    other: they name opposite siblings (公民民族成份变更（满十八岁） / （未满十八岁）; 营运 /
    非营运), whatever else agrees. One both carry as often (不动产) is no difference. "" when
    there is none, else "negation '未' on one side only". Counted once `synonyms` are read
    as what they stand for: 不按照 is 未按照, one negation spelled two ways."""
    for word, meant in wording.synonyms:
        if word in a or word in b:
            a, b = a.replace(word, meant), b.replace(word, meant)
    for word in wording.negations:
        if a.count(word) != b.count(word):
            return f"negation '{word}' on one side only"
    return ""


def inserted_qualifier(a: str, b: str, wording: Wording, filler: frozenset[str]) -> str:
    """Content one name's core inserts inside the other's (not at its start, where a qualifier
    put in front is `contrast`'s, nor at its end, where grant words and suffixes stand), when
    the other adds nothing but filler: the longer names a narrower matter, a sibling of the
    shorter (道路危险货物运输经营许可 / 道路货物运输经营许可; 建设项目临时使用林地审批 /
    建设项目使用林地审批; 会计师事务所分所设立审批). Filler, single characters (驾驶员 /
    驾驶) and the words `wording` knows (actions, grant and licence words, scope and stage
    words, synonyms, the ordinary case 普通 / 一般) are no qualifier. "" when there is none,
    else "qualifier '危险' added inside"."""
    a, b = name_core(a), name_core(b)
    if a == b:
        return ""
    runs_a: list[tuple[str, int, int]] = []
    runs_b: list[tuple[str, int, int]] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        if op.src_end > op.src_start:
            runs_a.append((a[op.src_start : op.src_end], op.src_start, op.src_end))
        if op.dest_end > op.dest_start:
            runs_b.append((b[op.dest_start : op.dest_end], op.dest_start, op.dest_end))
    content_a = [r for r in runs_a if _content(r[0], filler)]
    content_b = [r for r in runs_b if _content(r[0], filler)]
    if content_a and content_b:
        return ""  # both sides carry content: not one name inside the other
    longer, runs = (a, content_a) if content_a else (b, content_b)
    known = _known_words(wording)
    for run, start, end in runs:
        if start == 0 or end == len(longer):
            continue
        left = _content(run, filler)
        for word in known:
            left = left.replace(word, "")
        if len(left) >= 2:
            return f"qualifier '{run}' added inside"
    return ""


def unapplied_contrast(a: str, b: str, wording: Wording, filler: frozenset[str]) -> str:
    """Where two names of a kind no one applies for (…处罚, …检查) differ at one place: content
    of each standing in the other's place (盗伐 / 滥伐林木, 假药 / 劣药, 大气 / 水污染物), or an
    action word on one side only (未办理变更登记 / 未办理登记). Each names another offence or
    object, and siblings share law, department and type, so no weight crosses it. Filler and the
    words `wording` knows but actions (grant and licence words, scope, synonyms) are no content.
    "" when there is none, else "'滥' in place of '盗'"."""
    a, b = act_wording_aside(a, wording)[0], act_wording_aside(b, wording)[0]
    if not content_difference(a, b, filler):
        return ""  # the same words in another order
    known = tuple(w for w in _known_words(wording) if w not in _action_spellings(wording))
    for mine, theirs in _gaps(a, b):
        if _bare(mine, filler, known) and _bare(theirs, filler, known):
            return f"'{mine}' in place of '{theirs}'"
        action = _action_in(mine + theirs, wording)
        if action and (action in a) != (action in b):
            return f"action '{action}' on one side only"
    return ""


def _gaps(a: str, b: str) -> list[tuple[str, str]]:
    """(a's text, b's text) of every place between two shared runs where the names differ."""
    out: list[tuple[str, str]] = []
    mine = theirs = ""
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            if mine or theirs:
                out.append((mine, theirs))
            mine = theirs = ""
            continue
        mine += a[op.src_start : op.src_end]
        theirs += b[op.dest_start : op.dest_end]
    if mine or theirs:
        out.append((mine, theirs))
    return out


def _bare(run: str, filler: frozenset[str], known: tuple[str, ...]) -> str:
    """A run without filler and without the known words."""
    run = _content(run, filler)
    for word in known:
        run = run.replace(word, "")
    return run


@lru_cache(maxsize=8)
def _action_spellings(wording: Wording) -> frozenset[str]:
    return frozenset(spelling for spelling, _ in wording.actions)


def _action_in(run: str, wording: Wording) -> str:
    """The first action spelling in a run, or ""."""
    return next((w for w in _action_spellings(wording) if w in run), "")


def _content(run: str, filler: frozenset[str]) -> str:
    """A run of a name without filler words and characters."""
    for word in FILLER_WORDS:
        run = run.replace(word, "")
    return "".join(c for c in run if c not in filler)


@lru_cache(maxsize=8)
def _known_words(wording: Wording) -> tuple[str, ...]:
    """The words `wording` knows how names vary by, longest first: inserted, they make no
    narrower matter (inserted_qualifier)."""
    words = {
        *(spelling for spelling, _ in wording.actions),
        *wording.grant_verbs,
        *wording.licence_words,
        *wording.scope_prefixes,
        *wording.scope_words,
        *wording.jurisdiction_prefixes,
        *wording.stage_words,
        *wording.default_qualifiers,
        *wording.generic_subjects,
        *(w for pair in wording.synonyms for w in pair),
        *(w for w, _ in wording.scope_levels),
        # parts of a matter (grades, 扩建 …) make a narrower matter of a part, not a sibling:
        # which way it reaches is part_conflict's
        *(g for scale in wording.grade_scales for g in scale),
        *wording.lowest_grades,
        *(w for group in wording.part_groups for w in group),
    }
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _differing_positions(a: str, b: str) -> tuple[set[int], set[int]]:
    """The positions of a and of b that their edit script changes."""
    in_a: set[int] = set()
    in_b: set[int] = set()
    for op in Indel.opcodes(a, b):
        if op.tag != "equal":
            in_a.update(range(op.src_start, op.src_end))
            in_b.update(range(op.dest_start, op.dest_end))
    return in_a, in_b


def _touched_words(text: str, group: list[str], positions: set[int]) -> set[str]:
    """The group's words whose occurrence in text covers a changed position (第三类 read as
    三类)."""
    found = set()
    for word in group:
        start = text.find(word)
        while start >= 0:
            if positions.intersection(range(start, start + len(word))):
                found.add(word.removeprefix("第"))
                break
            start = text.find(word, start + 1)
    return {w for w in found if not any(w != o and w in o for o in found)}


def differing_text(a: str, b: str) -> str:
    """The characters two names do not share, in edit order ("计划", "客货物")."""
    return "".join(run for run, _ in _differing_runs(a, b))


def _differing_runs(a: str, b: str) -> list[tuple[str, str]]:
    """(text, side) of every run two names do not share, in edit order; side is a or b."""
    out = []
    for op in Indel.opcodes(a, b):
        if op.tag in ("delete", "replace"):
            out.append((a[op.src_start : op.src_end], "a"))
        if op.tag in ("insert", "replace"):
            out.append((b[op.dest_start : op.dest_end], "b"))
    return out


def content_difference(a: str, b: str, filler: frozenset[str]) -> str:
    """What two names do not share once filler words and characters are set aside; nothing
    when the same words only stand in another order (企业注销社会保险登记 /
    企业社会保险注销登记)."""
    runs = _differing_runs(a, b)
    only_a = sorted("".join(run for run, side in runs if side == "a"))
    only_b = sorted("".join(run for run, side in runs if side == "b"))
    if only_a == only_b:
        return ""
    out = []
    for run, _ in runs:
        for word in FILLER_WORDS:
            run = run.replace(word, "")
        out.append("".join(c for c in run if c not in filler))
    return "".join(out)


def types_agree(a: str, b: str) -> bool:
    return not a or not b or a == b


def compared_type(task_type: str, mapping: Mapping) -> str:
    """The 事项类型 matching compares: a type the task_types dictionary names, else none (a
    spelling it lacks is reported in run warnings; as a type of its own it would keep a record
    from every matter of its name)."""
    return task_type if mapping.known_task_type(task_type) else ""


@lru_cache(maxsize=1 << 18)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,))
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


class NameIndex:
    """Names of one side (catalogue matters, list items or list main items), indexed by key,
    by core, by stem (wording.parts) and by character bigram for blocking.

    Many records share a name (every county lists the same matter), so blocking and scoring
    are done once per distinct key and remembered; postings are numpy arrays, so blocking a
    name costs one weighted count over the index instead of a Python loop per posting.

    Department and legal-basis agreement is weighed by how informative it is (Fellegi–Sunter
    term-frequency adjustment): agreeing on a department that hosts 60 % of the entries (one
    行政审批局 after the 相对集中行政许可权改革) is worth log2(1/0.6) = 0.7 bits, on one that
    hosts 2 % about 5.6 (capped at `fuzzy.max_field_weight`).
    """

    def __init__(
        self,
        entries: Iterable[NameEntry],
        mapping: Mapping,
        *,
        mains: bool = False,
        partial: bool = False,
    ) -> None:
        self.mapping = mapping
        self.mains = mains  # names of 主项 a list groups its items under: actions must agree
        self.partial = partial  # list items, which a decision may reach in part (wording)
        self.by_key: dict[str, list[NameEntry]] = defaultdict(list)
        self.by_core: dict[str, list[NameEntry]] = defaultdict(list)
        self.by_stem: dict[str, list[NameEntry]] = defaultdict(list)
        # (agency scope, entry id): entries an agency already implements by code (one-to-one)
        self.taken: Container[tuple[str, str]] = set()  # AgencyMatters for the catalogue
        # the index whose matters a note may point to (note_elsewhere): the catalogue
        self.reference: NameIndex = self
        self._elsewhere: dict[tuple[str, str, str], str] = {}
        departments: Counter[frozenset[str]] = Counter()
        law_counts: Counter[str] = Counter()
        total = 0
        for e in entries:
            if e.key:
                total += 1
                self.by_key[e.key].append(e)
                self.by_core[e.core].append(e)
                if e.parts is not None:
                    self.by_stem[e.parts.stem].append(e)
                departments[frozenset(department_words(e.department))] += 1
                law_counts.update(laws(e.by_law))
        self._total = max(total, 1)
        self._departments = departments
        self._laws = law_counts
        self.keys = list(self.by_key)
        grams: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            for g in _bigrams(k):
                grams[g].append(i)
        # Bigrams in 5,000 keys or more do not block anything; rare bigrams weigh more.
        self._postings = {
            g: (np.asarray(p, dtype=np.int32), 1.0 / len(p) ** 0.5)
            for g, p in grams.items()
            if len(p) < 5000
        }
        self._ranked: dict[str, list[tuple[str, float]]] = {}
        self._contrasts: dict[tuple[str, str], str] = {}
        self._bags: dict[str, frozenset[str]] | None = None  # spellings(): made when first asked
        self._graded: dict[str, list[tuple[str, Grades]]] | None = None  # graded(): likewise
        self._parted: dict[str, list[tuple[str, Named]]] | None = None  # parted(): likewise
        self._loose: dict[str, list[NameEntry]] | None = None  # loosely_same(): likewise
        self._neutral: dict[str, list[NameEntry]] | None = None  # subject_apart(): likewise
        # record id -> the names of its 子项 (the catalogue's, a list's under its 主项 name)
        self.sub_names: dict[str, list[str]] = {}
        # the catalogue's catalogue_names, where the run worked them out for its entries (read
        # again by _sub_items_by_code and code_names_another_matter, not worked out thrice)
        self.under_main: dict[str, str] | None = None
        generic = set(mapping.wording.generic_subjects)
        self._subject_groups = [g for g in mapping.contrast_groups if generic & set(g)]
        words = generic.union(*self._subject_groups)
        self._subject_words = tuple(sorted(words, key=len, reverse=True))
        self._inline: dict[str, list[tuple[NameEntry, str]]] | None = None  # part_inline()
        self._bare: dict[str, list[NameEntry]] | None = None  # bare_key(): made when first asked
        self._listing: dict[str, list[tuple[NameEntry, str]]] | None = None  # one_listed()
        # indexes of the same run whose names are siblings too (the catalogue beside the lists)
        self.beside: tuple[NameIndex, ...] = ()
        # indexes whose names only bear out a decision row's qualifier (_keeps_qualifier)
        self.names_beside: tuple[NameIndex, ...] = ()
        # catalogue record id -> the ids of its 主项 and of its siblings naming another act,
        # where the catalogue splits a matter into 业务办理项 (mark_split_matters)
        self.split: dict[str, frozenset[str]] = {}
        # catalogue 主项 id -> its stated 子项 naming an action (mark_split_matters), where all
        # its 子项 share one stem and notes (split by act alone), whatever the 主项's own stem:
        # what a list item naming the 主项 with that action as a note implements
        self.acting_subs: dict[str, list[NameEntry]] = {}
        # calls of weigh(), the only reader of a query's department, legal basis and agency
        # scope: a match found without one is the same for every query of its name and type
        self.weighed = 0

    def candidates(self, key: str, limit: int) -> list[str]:
        """Keys sharing the most bigrams with `key` (rare bigrams weigh more); ties in index
        order."""
        hits = [self._postings[g] for g in _bigrams(key) if g in self._postings]
        if not hits:
            return []
        idx = np.concatenate([p for p, _ in hits])
        weights = np.repeat([w for _, w in hits], [len(p) for p, _ in hits])
        counts = np.bincount(idx, weights=weights, minlength=len(self.keys))
        # the keys with a count: sums of positive weights, so > 0 is != 0 (a boolean mask's
        # nonzero() takes a sixth of a float array's)
        found = (counts > 0).nonzero()[0]
        if len(found) > limit:  # keep the `limit` best and whatever ties with the last of them
            cut = np.partition(counts[found], len(found) - limit)[len(found) - limit]
            found = found[counts[found] >= cut]
        top = found[np.lexsort((found, -counts[found]))][:limit]
        return [self.keys[i] for i in top]

    def ranked(self, key: str) -> list[tuple[str, float]]:
        """(candidate key, ratio) for the blocked candidates of a key, best first; computed
        once per distinct key."""
        hit = self._ranked.get(key)
        if hit is None:
            cands = self.candidates(key, self.mapping.fuzzy_candidates)
            scores = cdist([key], cands, scorer=fuzz.ratio, dtype=np.float64)[0] if cands else []
            hit = sorted(zip(cands, map(float, scores), strict=True), key=lambda t: -t[1])
            self._ranked[key] = hit
        return hit

    def spellings(self, key: str) -> frozenset[str]:
        """The keys other than `key` with its characters once filler is set aside, in any
        order: the only keys content_difference can find no content between (a cheap test
        before the fuzzy tier is asked for a decision row's spellings)."""
        if self._bags is None:
            bags: dict[str, set[str]] = defaultdict(set)
            for k in self.keys:
                bags[self._bag(k)].add(k)
            self._bags = {b: frozenset(ks) for b, ks in bags.items()}
        return self._bags.get(self._bag(key), frozenset()) - {key}

    def _bag(self, key: str) -> str:
        """The key's characters in order, less filler and every character of a filler word
        (a word can form across two words, 先进|行业, in one name and not the other)."""
        drop = self.mapping.fuzzy_filler | _FILLER_WORD_CHARS
        return "".join(sorted(c for c in key if c not in drop))

    def contrast(self, key: str, other: str) -> str:
        """contrast() of two keys of this index's mapping, remembered per pair."""
        pair = (key, other)
        hit = self._contrasts.get(pair)
        if hit is None:
            m = self.mapping
            hit = contrast(key, other, m.contrast_groups)
            hit = hit or scope_swap(key, other, m.wording)
            hit = hit or act_change(key, other, m.wording)
            hit = hit or negation_change(key, other, m.wording)
            hit = hit or inserted_qualifier(key, other, m.wording, m.fuzzy_filler)
            self._contrasts[pair] = hit
        return hit

    def exact(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: equal keys, or equal cores when only one side carries a note."""
        return self.same_key(q) or self.bare_key(q) or self.note_placed(q) or self.same_core(q)

    def same_key(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier, first step: equal keys, those whose matter type agrees with q's; when
        none does, all of them, the evidence saying the types differ: provinces type one
        matter differently (户口迁移 is 行政确认 in some, 行政许可 in others), and a name that
        is the same once normalised names one matter whatever the type."""
        named = self.by_key.get(q.key, [])
        if not named:
            return None
        same = [e for e in named if types_agree(q.task_type, e.task_type)]
        if same:
            why = f"normalised names equal: '{q.key}'" + _type_note(q, same[0])
        else:
            same = list(named)
            theirs = "、".join(dict.fromkeys(e.task_type for e in named))
            why = f"normalised names equal: '{q.key}'; 事项类型 differ: {q.task_type} / {theirs}"
        return same, Match("name", 100.0, ("事项名称", "事项类型"), why)

    def bare_key(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: keys equal once each note is read without a closing 业务, 事项 or 服务
        (wording.bare_notes), as an exclusion note is: 港口经营许可（港口理货业务） names the part
        港口经营许可（港口理货）, not the whole matter nor another part."""
        bare = bare_notes(q.key)
        if self._bare is None:
            self._bare = defaultdict(list)
            for k, group in self.by_key.items():
                self._bare[bare_notes(k)].extend(group)
        same = [
            e
            for e in self._bare.get(bare, [])
            if e.key != q.key and types_agree(q.task_type, e.task_type)
        ]
        if not same:
            return None
        why = f"names equal once a note's closing 业务/事项/服务 is set aside: '{bare}'"
        return same, Match("name", 95.0, ("事项名称", "事项类型"), why + _type_note(q, same[0]))

    def one_listed(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Records whose name lists several subjects under one tail (中外合资、合作医疗机构设置审批,
        普通中小学、幼儿园章程核准), q naming one of them alone (中外合作医疗机构设置审批,
        幼儿园章程核准), read as a decision row naming several matters is (_rows_read). A list
        item takes such a matter only where no record names its stem (a matter of that subject
        alone is its own); a decision reaches a list item so named in part."""
        if self._listing is None:
            self._listing = self._listings()
        found = [(e, n) for e, n in self._listing.get(q.key, ()) if e.key != q.key]
        found = [(e, n) for e, n in found if types_agree(q.task_type, e.task_type)]
        if not found or (q.implementing and q.parts is not None and self.by_stem.get(q.parts.stem)):
            return None
        whose = "the catalogue matter" if q.implementing else "the list item"
        why = f"{whose} names several subjects: '{found[0][1]}' is one of them"
        if not q.implementing:
            why += "; reached in part: the item must be split"
        return [e for e, _ in found], Match("name", 95.0, ("事项名称",), why)

    def _listings(self) -> dict[str, list[tuple[NameEntry, str]]]:
        """Name key -> (record, name) for each subject a record's name lists (one_listed). A
        subject before the last is read at a cut of the last item only where no other cut
        gives a name of this index (where the subject ends is not known otherwise)."""
        m = self.mapping
        listing: dict[str, list[tuple[NameEntry, str]]] = defaultdict(list)
        for group in self.by_key.values():
            name = group[0].name
            if "、" not in name:
                continue
            for row in _rows_read(name, m.wording, m.level_qualifiers, _groups(m)):
                if row.joined:
                    continue
                for key, said in _subjects_read(row, self.by_key):
                    listing[key].extend((e, said) for e in group)
        return listing

    def same_core(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier, second step, as one group (a list item choosing its matter among them):
        the first group's evidence (same_core_groups)."""
        groups = self.same_core_groups(q)
        if not groups:
            return None
        return [e for group, _ in groups for e in group], groups[0][1]

    def same_core_groups(self, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
        """Name tier, second step: equal cores when only one side carries a note that may drop
        (_note_may_drop), and a list item's notes that drop name no action a sibling names
        (_drops_sibling_action). The evidence names what is left equal: the core, or the name
        with the notes both carry (食品经营许可(变更) for 食品经营许可（变更）（乡镇））, and the
        note set aside; records whose evidence differs (another note) are grouped apart, so
        that each says why it was matched."""
        core = self._equal_cores(q, _typed_alike) or self._equal_cores(q, self._retyped)
        alike = [e for e in core if _variant_notes(e) == _variant_notes(q)]
        core = alike or core  # names differing in remarks alone before variants of the matter
        groups: dict[str, list[NameEntry]] = {}
        for e in core:
            sub = self._stated_sub_of_note(q, e)
            said = self._core_said(q, e)
            if sub is not None:
                said += f"; the catalogue states that 业务办理项 of it as its 子项 '{sub.name}'"
            groups.setdefault(said, []).append(sub or e)
        return [(g, Match("name", 95.0, ("事项名称", "事项类型"), w)) for w, g in groups.items()]

    def _equal_cores(self, q: NameEntry, typed: Any) -> list[NameEntry]:
        """The records of q's core whose note may drop (same_core_groups) and whose 事项类型
        `typed(q, record)` accepts beside q's."""
        return [
            e
            for e in self.by_core.get(q.core, [])
            if e.key != q.key
            and typed(q, e)
            and _note_may_drop(q, e)
            and not self._drops_sibling_action(q, e)
            and not self.note_elsewhere(q, e)
        ]

    def _retyped(self, q: NameEntry, e: NameEntry) -> bool:
        """A list item whose name is the matter's with its own note, typed otherwise than the
        catalogue types the matter (机动车维修经营备案（一类） typed 其他行政权力 beside the
        catalogue's 机动车维修经营备案 typed 行政许可): one matter, as equal names cross types,
        where both types are of a kind someone applies for (wording.applied_for), never an act an
        authority takes on its own (…许可（吊销） typed 行政处罚 is a penalty, not the licence). Not
        the other way: a catalogue record carrying the note (…（新办）) is one 业务办理项 of it,
        nor where the note names a kind of act the matter's name does not (建设工程消防验收（备案）
        typed 其他行政权力 is the filing, not the 行政许可 验收): its own type is then its own."""
        wording = self.mapping.wording
        notes = _variant_notes(q)
        if not q.implementing or not notes or _variant_notes(e):
            return False
        if any(_act_of_its_own(n, e.core) for n in notes):
            return False
        if _SERVICE_TYPE in (q.task_type, e.task_type) and not (q.parts and q.parts.actions):
            return False  # 建筑工程施工许可（咨询） typed 公共服务 is a service about the licence
        return applied_for(q.task_type, wording) and applied_for(e.task_type, wording)

    def _stated_sub_of_note(self, q: NameEntry, e: NameEntry) -> NameEntry | None:
        """The catalogue 子项 a list item reaching the 主项 e by dropping a note of actions
        (医疗机构执业登记（注销）) implements: the one 子项 the catalogue states under e
        (主项编码, 主项名称) naming those actions and no other, whatever its wording
        (医疗机构执业许可证注销): the catalogue's own grouping says which 业务办理项 that is.
        None where no such 子项 or several are stated (a 子项 of the stem is found before)."""
        subs = self.acting_subs.get(e.id)
        if not subs or not q.implementing:
            return None
        wording = self.mapping.wording
        dropped = _variant_notes(q) - _variant_notes(e)
        done = action_acts(frozenset().union(*(note_actions(n, wording) for n in dropped)), wording)
        if not done:
            return None
        hits = [
            s
            for s in subs
            if s.parts is not None
            and action_acts(s.parts.actions - s.parts.initial, wording) == done
            and types_agree(q.task_type, s.task_type)
        ]
        return hits[0] if len(hits) == 1 else None

    def _core_said(self, q: NameEntry, e: NameEntry) -> str:
        """The evidence of an equal-core match of q and e (same_core_groups)."""
        shared = e.key if _notes(e.key) <= _notes(q.key) else q.key
        why = f"names equal without the parenthetical note: '{shared}'" + _type_note(q, e)
        return "; ".join(w for w in (why, self._part_said(q, e), _remark_note(q, e)) if w)

    def _part_said(self, q: NameEntry, e: NameEntry) -> str:
        """The evidence on a list item whose dropped note names an action: it is that
        业务办理项 of the matter (货物运输车辆道路运输证办理（补办） of …办理)."""
        if not q.implementing:
            return ""
        dropped = _variant_notes(q) - _variant_notes(e)
        acts = frozenset().union(*(note_actions(n, self.mapping.wording) for n in dropped))
        return f"the first is a 业务办理项 ({'/'.join(sorted(acts))}) of the second" if acts else ""

    def note_placed(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: the records whose name is q's with a note's words put into it
        (会计师事务所设立审批（分所） → 会计师事务所分所设立审批, 企业设立登记（外商投资） →
        外商投资企业设立登记): such a note names the subject, another matter, not a variant."""
        notes = _subject_notes(q.key, self.mapping.wording)
        for note in sorted(notes | {bare_part(n) for n in notes}):
            for name in _named_by_note(note, q, self.mapping.wording.generic_subjects):
                group = [e for e in self.by_core.get(name, []) if e.key != q.key]
                group = [e for e in group if types_agree(q.task_type, e.task_type)]
                if group:
                    why = f"the note '{note}' put into the name gives '{group[0].key}'"
                    why += _type_note(q, group[0])
                    return group, Match("name", 95.0, ("事项名称", "事项类型"), why)
        return self.part_inline(q) or self.note_in_front(q) or self.part_listed(q)

    def part_listed(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: the records of q's name whose one note is one of the parts q's one note
        lists with 、 (外国人来华工作许可（B类、C类） reaches …（C类）: a decision on the parts
        reaches each); and, for a list item, the record whose note lists the item's part among
        others (教师资格认定（初级中学） implements …（幼儿园、小学、初级中学）). Never a part the
        list leaves out (（A类）), nor a decision on one part reaching a record of several."""
        note = _one_subject_note(q.key, self.mapping.wording)
        if not note:
            return None
        mine = _listed_parts(q)
        group, said = [], ""
        for e in self.by_core.get(q.core, []):
            theirs = _one_subject_note(e.key, self.mapping.wording)
            if not theirs or e.key == q.key or not types_agree(q.task_type, e.task_type):
                continue
            if theirs in mine:
                group.append(e)
                listed = "、".join(mine)
                said = f"the first's note lists the parts '{listed}', the second's part among them"
            elif q.implementing and note in (listed_parts := _listed_parts(e)):
                group.append(e)
                listed = "、".join(listed_parts)
                said = f"the second's note lists the parts '{listed}', the first's part among them"
        if not group:
            return None
        return group, Match("name", 95.0, ("事项名称", "事项类型"), said + _type_note(q, group[0]))

    def note_in_front(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: the record Y（X） of one variant note X where q writes X in front of Y
        with 的 (不设床位的医疗机构执业登记 is 医疗机构执业登记（不设床位））, and the record XY
        where q is Y（X）: one variant, written in another place. Never another variant (设床位
        is not 不设床位: the notes must be equal), and the evidence says which variant it is
        and the others the catalogue keeps apart from it by their notes."""
        notes = _variant_notes(q)
        if _notes(q.key) - notes:
            return None
        if notes:  # Y（X）: the record X的Y
            if len(notes) > 1:
                return None
            (note,) = notes
            group = self.by_core.get(f"{note}的{q.core}", [])
            group = [e for e in group if not _notes(e.key) and e.key != q.key]
            return self._in_front(q, group, note, q.core)
        core = q.core
        for at in range(_MIN_FRONT, len(core) - _MIN_FRONT_NAME):
            if core[at] != "的":
                continue
            note, name = core[:at], core[at + 1 :]
            wording = self.mapping.wording
            group = [e for e in self.by_core.get(name, []) if note in _variant_notes(e)]
            group = [e for e in group if _part_of_business(e.key, wording) == note]
            found = self._in_front(q, group, note, name)
            if found:
                return found
        return None

    def _in_front(
        self, q: NameEntry, group: list[NameEntry], note: str, name: str
    ) -> tuple[list[NameEntry], Match] | None:
        """note_in_front's match of q to `group`, the evidence naming the other variants."""
        group = [e for e in group if types_agree(q.task_type, e.task_type)]
        if not group:
            return None
        # the other variants, written either way (found only once a match is: the scan is rare)
        inside = {n for e in self.by_core.get(name, []) for n in _variant_notes(e)}
        before = {k[: -len(name) - 1] for k in self.by_core if k.endswith(f"的{name}")}
        others = sorted((inside | before) - {note, ""})
        why = f"the variant '{note}' of '{name}', written before the name with 的 on one side"
        why += _type_note(q, group[0]) + _business_said(group, note, self.mapping.wording)
        if others:
            why += f"; kept apart from the other variants ({'、'.join(others)}) by that note"
        return group, Match("name", 95.0, ("事项名称", "事项类型"), why)

    def part_inline(self, q: NameEntry) -> tuple[list[NameEntry], Match] | None:
        """Name tier: the records whose one note names a part or a kind of the matter (a grade,
        a class: 建筑业企业资质认定（施工总承包二级）; a business: 港口经营许可（港口理货））
        that, put into the name, gives q's name, which writes it inline (建筑业企业施工总承包二级
        资质认定; 港口理货经营许可, and with a `generic_words` word put in too, 港口理货业务经营
        许可): one name, the note written in another place. Where the catalogue also lists the
        plain name (港口经营许可), q is still the noted record's: it writes the note. q with a
        note is note_placed's."""
        if _notes(q.key):
            return None
        if self._inline is None:
            self._inline = self._parts_inline()
        generic = _generic_inside(q.key, self.mapping.wording)
        for key, aside in ((q.key, ""), *generic):
            found = [(e, n) for e, n in self._inline.get(key, ()) if e.key != q.key]
            group = [e for e, _ in found if types_agree(q.task_type, e.task_type)]
            if not group:
                continue
            note = next(n for e, n in found if e is group[0])
            why = f"the note '{note}' put into the name gives '{key}'" + _type_note(q, group[0])
            why += _business_said(group, note, self.mapping.wording)
            if aside:
                why += f"; '{aside}' set aside, a word that narrows no matter"
            return group, Match("name", 95.0, ("事项名称", "事项类型"), why)
        return None

    def _parts_inline(self) -> dict[str, list[tuple[NameEntry, str]]]:
        """Name -> (record, note) for each record of one note naming a part or a subject (no
        action, stage, scope, act word or inclusive note: _subject_notes), the note put into
        its name at each place (_placed)."""
        wording = self.mapping.wording
        inline: dict[str, list[tuple[NameEntry, str]]] = defaultdict(list)
        for k, group in self.by_key.items():
            note = _part_of_business(k, wording)
            if not note:
                continue
            for name in set(_placed(note, name_core(k), wording.generic_subjects)):
                inline[name].extend((e, note) for e in group)
        return inline

    def note_elsewhere(self, a: NameEntry, b: NameEntry) -> str:
        """Why a note one of two names carries alone keeps them apart, or "": it names a subject
        another matter of the catalogue (`reference`) names (note_points)."""
        for noted, plain in ((a, b), (b, a)):
            for note in sorted(_subject_notes(noted.key, self.mapping.wording) - _notes(plain.key)):
                sign = (note, noted.core, plain.core)
                hit = self._elsewhere.get(sign)
                if hit is None:
                    hit = self.reference.note_points(note, noted, plain)
                    self._elsewhere[sign] = hit
                if hit:
                    return f"the note '{note}' names another matter: '{hit}'"
        return ""

    def note_points(self, note: str, noted: NameEntry, plain: NameEntry) -> str:
        """The key of a record other than `plain` that the note of `noted` points to, or "":
        its name is noted's with the note put in (_placed); or it holds the note and the rest of
        it is plain's name or its end, at least half of it (乡村医生执业注册 for
        医师执业注册（乡村医生）); or the note holds a subject word (外资) and the record is
        plain's name with words holding one put in (外商投资企业设立登记). Asked of the
        blocked candidates of noted's name alone: one index lookup per note."""
        wording = self.mapping.wording
        for name in _named_by_note(note, noted, wording.generic_subjects):
            for e in self.by_core.get(name, []):
                if e.core not in (plain.core, noted.core):
                    return e.key
        subject = _subject_in(note, wording)
        for k, _ in self.ranked(noted.key):
            core = name_core(k)
            if core in (plain.core, noted.core):
                continue
            if _holds_note(core, note, plain.core) or (
                subject and _subject_inserted(plain.core, core, wording)
            ):
                return k
        return ""

    def mark_split_matters(self, groups: Iterable[tuple[str, list[str]]]) -> None:
        """Record the catalogue's first grants of split matters: under one stated 主项
        (`groups`: the 主项's id, or "" where the catalogue lacks its row -> its 子项's ids),
        a 子项 naming no action but the first grant (排污许可证核发) beside a sibling of its
        stem and notes naming another act (排污许可证延续), or naming how its certificate is
        issued (核发, `grant_verbs`), is that matter's first grant, one 业务办理项, not the
        whole matter its wording alone would make it (核发 is set aside as the way a licence
        is granted): the catalogue itself says the matter is split there."""
        by_id = {e.id: e for group in self.by_key.values() for e in group}
        for main, members in groups:
            subs = [by_id[n] for n in members if n in by_id]
            acting = [e for e in subs if _names_another_act(e)]
            kinds = {(e.parts.stem, e.parts.notes) for e in subs if e.parts is not None}
            if main and acting and len(kinds) == 1:  # split by act alone: no subject, variant
                self.acting_subs[main] = acting
            same: dict[tuple[str, frozenset[str]], list[NameEntry]] = defaultdict(list)
            for node in members:
                e = by_id.get(node)
                if e is not None and e.parts is not None:
                    same[(e.parts.stem, e.parts.notes)].append(e)
            for group in same.values():
                acting = {e.id for e in group if _names_another_act(e)}
                for e in group:
                    if _names_another_act(e) or not (acting or self._issues(e)):
                        continue
                    self.split[e.id] = frozenset(acting | ({main} - {""}))

    def _issues(self, e: NameEntry) -> bool:
        """Does a name say how its certificate is issued (药品批发企业经营许可证核发: a
        `grant_verbs` word)? A 子项 so named is the issue, the first grant, of its 主项's
        matter, though no sibling names another act."""
        return e.parts is not None and any(
            w in self.mapping.wording.grant_verbs for w in e.parts.dropped
        )

    def split_apart(self, q: NameEntry, e: NameEntry) -> str:
        """Why e is no record of q's matter, or "", where the catalogue splits the matter
        (mark_split_matters): a list item naming another act (排污许可证变更) is no 业务办理项
        of the first grant (排污许可证核发). A decision row naming the first grant keeps its
        whole reach: 取消 or 下放 of 某某证核发 takes the licence, its 变更 and 延续 with it
        (the national decisions name whole licences so: 外商投资经营电信业务审定意见书核发)."""
        if q.parts is None or e.parts is None or not q.implementing:
            return ""
        if e.id in self.split and _names_another_act(q):
            return f"'{e.key}' is the first grant beside other 业务办理项 under its 主项"
        return ""

    def noted_apart(self, q: NameEntry, e: NameEntry) -> str:
        """Why e, q's name with a note q lacks, is another matter than the one q names, or "":
        where the catalogue (or this index) holds a record of q's name exactly (诊所执业登记,
        行政许可), a record noted otherwise (诊所执业登记（备案）) is that matter's variant only
        if its note names no other kind of act (备案, 核准, 确认 beside 登记) and its 事项类型
        is one the exact records have (其他行政权力 beside 行政许可 is another power). A note
        naming a 业务办理项 (（注销）) or the stage (（初审）) is the matter's whatever the type.
        For a decision row; a list item keeps its own rules (same_core_groups)."""
        if q.implementing or q.parts is None or e.parts is None:
            return ""
        exact = self.by_key.get(q.key) or self.reference.by_key.get(q.key)
        if not exact:
            return ""
        return noted_other_matter(q.parts, {x.task_type for x in exact}, e.parts, e.task_type)

    def _drops_sibling_action(self, q: NameEntry, e: NameEntry) -> bool:
        """Would a list item reach e only by dropping a note that is or holds an action (（变更）,
        （信息变更）, （变更经营场所）) which another record of its stem names (or, for words of
        the first grant, 首次, names the first grant too: 新办)? Then that record, the 子项 of
        the action, is the item's matter (the fuzzy tier's names of one matter find it), not e,
        the 主项 the notes fall back to. Where no record names the action, the item is a
        业务办理项 of e and reaches it (公共场所卫生许可（注销） → 公共场所卫生许可)."""
        if not q.implementing or q.parts is None:
            return False
        wording = self.mapping.wording
        acts = frozenset().union(*(note_actions(n, wording) for n in _notes(q.key) - _notes(e.key)))
        if not acts:
            return False
        first_grant = acts <= wording.initial_actions
        if e.id in self.split and not first_grant:
            return True  # e is the first grant of a matter the catalogue splits
        done = action_acts(acts, wording)
        return any(
            s.key != e.key
            and s.parts is not None
            and (
                action_acts(s.parts.actions, wording) & done
                or (first_grant and s.parts.initial and s.parts.actions == s.parts.initial)
                or (first_grant and s.id in self.split)
            )
            and types_agree(q.task_type, s.task_type)
            for s in self.by_stem.get(q.parts.stem, [])
        )

    def same_matter(self, q: NameEntry) -> list[tuple[str, list[NameEntry], str]]:
        """(key, entries, how) of the names with q's stem whose actions and scope agree with
        q's: they differ only in wording that varies between levels (how a licence is granted,
        a scope word, a note), or q names the whole matter and they are its 业务办理项.
        One stem leaves no contrast (生产/经营 …) to find: actions and scope are checked above,
        the rest was set aside as wording. q's own key is left to the name tier."""
        if q.parts is None:
            return []
        found: dict[str, list[NameEntry]] = defaultdict(list)
        how: dict[str, str] = {}
        for e in self.by_stem.get(q.parts.stem, []):
            if e.key == q.key or not types_agree(q.task_type, e.task_type) or e.parts is None:
                continue
            kin = self.same_act(q, e)
            if not kin and action_conflict(
                q.parts,
                e.parts,
                implementing=q.implementing,
                strict=self.mains,
                partial=self.partial,
            ):
                continue
            if note_conflict(q.parts, e.parts, implementing=q.implementing):
                continue
            if _another_act(q.parts.notes ^ e.parts.notes, q.core):
                continue
            if scope_conflict(q.parts, e.parts) or _bases_apart(q, e):
                continue
            if self._first_grant_elsewhere(q, e) or self.note_elsewhere(q, e):
                continue
            if self.act_changed(q, e) or self.subject_apart(q, e) or self.act_apart(q, e):
                continue
            if self.split_apart(q, e):
                continue
            found[e.key].append(e)
            said = (kin or _same_matter_note(q.parts, e.parts), _remark_note(q, e))
            how[e.key] = "; ".join(w for w in said if w)
        return [(k, found[k], how[k]) for k in sorted(found)]

    def loosely_same(self, q: NameEntry) -> list[tuple[str, list[NameEntry], str]]:
        """same_matter for stems equal once read loosely (wording.loose_stem: 养老服务机构 /
        养老机构, 企业投资项目 / 投资项目): taken only where no sibling says the words set aside
        narrow the matter: the index names no record of q's own stem, the records found share
        one stem, and the two do not start with different subjects (个人X / 单位X)."""
        indexes = (self, *self.beside)
        if q.parts is None or any(q.parts.stem in i.by_stem for i in indexes):
            return []
        wording = self.mapping.wording
        mine = loose_stem(q.parts.stem, wording)
        found = [e for e in self._loosely(mine.stem) if e.parts and e.parts.stem != q.parts.stem]
        stems = {e.parts.stem for i in indexes for e in i._loosely(mine.stem) if e.parts}
        if not found or len(stems) != 1:
            return []
        theirs = loose_stem(found[0].parts.stem, wording)  # type: ignore[union-attr]
        if mine.lead and theirs.lead and mine.lead != theirs.lead:
            return []
        if self._population_elsewhere(q.parts.stem, found[0].parts.stem, mine, theirs):  # type: ignore[union-attr]
            return []
        if not q.implementing and self._population_part(mine, theirs):
            return []
        said = "/".join(w for w in (mine.lead, *mine.dropped) if w) or "—"
        said += " / " + ("/".join(w for w in (theirs.lead, *theirs.dropped) if w) or "—")
        by_key: dict[str, list[NameEntry]] = defaultdict(list)
        how: dict[str, str] = {}
        for e in found:
            if not types_agree(q.task_type, e.task_type) or e.parts is None:
                continue
            if self._clash(q, e.parts, q.core) or self._first_grant_elsewhere(q, e):
                continue
            if self.act_changed(q, e) or self.subject_apart(q, e):
                continue
            by_key[e.key].append(e)
            note = _same_matter_note(q.parts, e.parts)
            how[e.key] = f"no sibling named with them, words set aside: {said}" + (
                f"; {note}" if note else ""
            )
        return [(k, by_key[k], how[k]) for k in sorted(by_key)]

    def _population_part(self, mine: Loose, theirs: Loose) -> bool:
        """Does a decision row name one population's benefit (城市居民最低生活保障金给付) where the
        record names the benefit of all (最低生活保障金给付)? A part, not the matter: a list item
        implements the bare matter so, but a decision on the part does not cancel the whole, nor
        through it another population's items (农村最低生活保障金给付). 城乡 (居民) names them all:
        a decision on 城乡居民最低生活保障 is the whole matter."""
        population = self.mapping.wording.population_words
        lead = mine.lead
        return (
            lead.startswith(population)
            and not lead.startswith(_ALL_POPULATIONS)
            and not (theirs.lead)
        )

    def _population_elsewhere(self, mine: str, theirs: str, a: Loose, b: Loose) -> bool:
        """Does a population set aside on one side (城乡居民基本养老保险待遇) narrow the matter,
        the indexes naming the other side's bare stem under another subject too
        (企业职工基本养老保险待遇)? Then the bare name (基本养老保险待遇发放) is neither."""
        population = self.mapping.wording.population_words
        leads = [(s, lo.lead) for s, lo in ((mine, a), (theirs, b))]
        if not any(lead.startswith(population) for _, lead in leads if lead):
            return False
        bare = [s for s, lead in leads if not lead]
        if not bare:
            return False
        return any(
            s.endswith(bare[0]) and s not in (mine, theirs)
            for i in (self, *self.beside)
            for s in i.by_stem
        )

    def act_apart(self, q: NameEntry, e: NameEntry) -> str:
        """Why a list item naming an action (补领) is not a 业务办理项 of a name of the whole
        matter or its first grant (申领, 核发, 新办), or "": a catalogue sibling of the stem
        does that act, in its words or others (补证, action_acts), as a matter of its own. The
        item is q (looking for its matter) or e (a decision row q naming the whole)."""
        if q.implementing:
            acting, whole, catalogue = q, e, self
        elif self.partial and self.reference is not self:  # list items: the catalogue tells
            acting, whole, catalogue = e, q, self.reference
        elif not self.partial and not self.mains:  # the catalogue itself
            return self._issue_apart(q, e)
        else:
            return ""
        if acting.parts is None or whole.parts is None:
            return ""
        acts = acting.parts.actions - acting.parts.initial
        if not acts or whole.parts.actions - whole.parts.initial:
            return ""
        mine = action_acts(acts, self.mapping.wording)
        for s in catalogue._act_siblings(acting):
            if s.key != whole.key and action_acts(s.parts.actions, self.mapping.wording) & mine:  # type: ignore[union-attr]
                return f"the catalogue names the act {'/'.join(sorted(acts))} apart: '{s.key}'"
        return ""

    def _issue_apart(self, q: NameEntry, e: NameEntry) -> str:
        """Why a decision row naming a certificate's first grant by its issuing verb
        (机动车驾驶证申领, 残疾人证核发) does not reach a catalogue record doing a reissue or
        renewal in its own name (机动车驾驶证补证, 换证): that act is a matter of its own, not a
        业务办理项 of the first grant; or "". A record noting the act (残疾人证发放（补办）) is a
        业务办理项 by its notation; a licence noun (食品经营许可) names the whole matter: both
        are still reached, and so is an extension (…延续: kind_acts), the issued licence's."""
        if q.implementing or q.parts is None or e.parts is None:
            return ""
        wording = self.mapping.wording
        verb = issuing_verb(q.parts, wording)
        acts = e.parts.actions - e.parts.initial
        if not verb or q.parts.actions - q.parts.initial or acts - e.parts.text_actions:
            return ""
        if not kind_acts(acts, wording):
            return ""
        said = "/".join(sorted(acts))
        return f"the catalogue names the act {said} apart from the first grant {verb}: '{e.key}'"

    def same_act(self, q: NameEntry, e: NameEntry) -> str:
        """The evidence that a list item's action does e's act in other words (补领 / 补证:
        action_acts), or "": only where no sibling of the stem names the item's own action and
        exactly one does that act (two, 补发 and 补办, leave it unclear which). Not for a
        decision row: a decision naming 补办 does not reach an item naming 补证 by name; one
        naming an extension of the term (延期) reaches the records naming it otherwise (延续,
        续期: _same_term_act)."""
        if q.parts is None or e.parts is None:
            return ""
        if not q.implementing:
            return self._same_term_act(q.parts, e.parts)
        mine, theirs = q.parts.actions, e.parts.actions
        wording = self.mapping.wording
        act = action_acts(mine, wording)
        if not mine or not theirs or mine == theirs or act != action_acts(theirs, wording):
            return ""
        siblings = self._act_siblings(q)
        if any(s.parts.actions == mine for s in siblings):  # type: ignore[union-attr]
            return ""
        doing = {s.key for s in siblings if action_acts(s.parts.actions, wording) == act}  # type: ignore[union-attr]
        if len(doing) != 1:
            return ""
        said = "/".join(sorted(mine)), "/".join(sorted(theirs)), "/".join(sorted(act))
        return "the first does the second's act in other words ({} / {}, one act: {})".format(*said)

    def _same_term_act(self, q: Parts, e: Parts) -> str:
        """The evidence that a decision row's extension of the licence's term is e's in other
        words (延期 / 延续: wording.one_term_act), or "": one act, whatever the catalogue's
        siblings name (session 24)."""
        act = one_term_act(q, e, self.mapping.wording)
        if not act:
            return ""
        said = "/".join(sorted(q.actions)), "/".join(sorted(e.actions)), act
        return "the first does the second's act in other words ({} / {}, one act: {})".format(*said)

    def act_doers(self, q: NameEntry) -> tuple[NameEntry, ...]:
        """The records doing a list item's act in other words where two or more do (残疾人证补发
        and 残疾人证补证 for 残疾人证补办) and none names its own action: same_act takes none, and
        the reason beside the item names them all, not the closest alone."""
        if not q.implementing or q.parts is None or not q.parts.actions:
            return ()
        wording = self.mapping.wording
        act = action_acts(q.parts.actions, wording)
        siblings = self._act_siblings(q)
        if any(s.parts.actions == q.parts.actions for s in siblings):  # type: ignore[union-attr]
            return ()
        doing = {s.key: s for s in siblings if action_acts(s.parts.actions, wording) == act}  # type: ignore[union-attr]
        return tuple(doing[k] for k in sorted(doing)) if len(doing) > 1 else ()

    def _act_siblings(self, q: NameEntry) -> list[NameEntry]:
        """The records of q's stem that may be its matter: type and scope agree."""
        assert q.parts is not None
        return [
            s
            for s in self.by_stem.get(q.parts.stem, [])
            if s.parts is not None
            and types_agree(q.task_type, s.task_type)
            and not scope_conflict(q.parts, s.parts)
        ]

    def subject_apart(self, q: NameEntry, e: NameEntry) -> str:
        """Why two names of one stem name different parties, or "": subject words that
        contrast (个人≠单位), or one on one side only where a sibling is named with that or
        another subject (a record of the same stem once subjects are set aside, in any index,
        or a 子项 of e): a decision cancelling 单位参保登记 does not reach the whole 参保登记."""
        hit = group_contrast(q.key, e.key, self._subject_groups)
        if hit:
            return f"subjects ({hit})"
        mine, theirs = self._named(q.key), self._named(e.key)
        if mine == theirs or q.parts is None:
            return ""
        asked = bool(mine - theirs)  # q names the subject: a record naming it is q's own
        base = mine & theirs
        for i in (self, *self.beside):
            for s in i._by_neutral(self._neutral_stem(q.parts.stem)):
                named = self._named(s.key)
                if s.key != e.key and named - base and (asked or named != theirs):
                    return f"subject: sibling '{s.key}' names a party"
        sub = next((n for n in self.sub_names.get(e.id, ()) if self._named(n) - theirs), "")
        return f"subject: 子项 '{sub}' names a party" if sub else ""

    def _named(self, key: str) -> frozenset[str]:
        """The subject words (generic subjects, the contrast group they are in) a key holds."""
        return frozenset(w for w in self._subject_words if w in key)

    def _neutral_stem(self, stem: str) -> str:
        """A stem without any subject word: where siblings named with subjects meet."""
        for word in self._subject_words:
            stem = stem.replace(word, "")
        return stem

    def _by_neutral(self, stem: str) -> list[NameEntry]:
        """The entries whose stem without subject words is `stem` (made when first asked)."""
        if self._neutral is None:
            self._neutral = defaultdict(list)
            for k, group in self.by_stem.items():
                self._neutral[self._neutral_stem(k)].extend(group)
        return self._neutral.get(stem, [])

    def _loosely(self, stem: str) -> list[NameEntry]:
        """The entries whose stem read loosely is `stem` (the index made when first asked)."""
        if self._loose is None:
            self._loose = defaultdict(list)
            for k, group in self.by_stem.items():
                self._loose[loose_stem(k, self.mapping.wording).stem].extend(group)
        return self._loose.get(stem, [])

    def _first_grant_elsewhere(self, q: NameEntry, e: NameEntry) -> bool:
        """Is q a decision row naming the application for a matter (某某许可申请: its first
        grant), e a name of the whole matter (no action), and another name of the stem the
        first grant's own (某某许可（新办）, 首次, 申请)? Then q reaches that record, not the
        whole matter: the whole is reached only where the first grant has no record."""
        if q.implementing or q.parts is None or not q.parts.applied or e.parts is None:
            return False
        if e.parts.actions:
            return False
        return any(
            s.parts is not None
            and s.parts.actions
            and s.parts.actions <= s.parts.initial
            and types_agree(q.task_type, s.task_type)
            and not scope_conflict(q.parts, s.parts)
            for s in self.by_stem.get(q.parts.stem, [])
        )

    def graded(self, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
        """The names of the grades a decision row's grade range covers (wording.grades:
        物业服务企业二级及以下资质认定 covers 物业服务企业三级资质认定, …资质核定（二级）,
        …资质认定（三级、暂定）), the rest of each name the same matter as the rest of q's
        (one stem, actions, notes and scope that agree, as same_matter). q's own key is left
        to the name tier."""
        wording = self.mapping.wording
        mine = grades(q.key, wording) if q.parts is not None else None
        if mine is None or not (mine.ranged or q.implementing):
            return []
        if self._graded is None:
            self._graded = defaultdict(list)
            subjects = wording.grade_subjects
            for k in self.keys:
                theirs = grades(k, wording) if any(w in k for w in subjects) else None
                if theirs is not None:
                    self._graded[parts(theirs.rest, wording).stem].append((k, theirs))
        rest = parts(mine.rest, wording)
        found = []
        for k, theirs in self._graded.get(rest.stem, ()):
            if k == q.key or not _range_covers(mine, theirs, implementing=q.implementing):
                continue
            group = [e for e in self.by_key[k] if types_agree(q.task_type, e.task_type)]
            own = parts(theirs.rest, wording)
            if not group or self._clash(replace(q, parts=rest), own, q.core):
                continue
            broad, narrow = (theirs, mine) if q.implementing else (mine, theirs)
            covers = "、".join(sorted(narrow.grades, key=_grade_order(wording)))
            why = (
                f"grade range '{broad.said}' covers {covers}: '{q.key}' ~ '{k}', stem '{rest.stem}'"
            )
            how = _same_matter_note(rest, own)
            why += f"; {how}" if how else ""
            score = round(float(fuzz.ratio(q.key, k)), 1)
            found.append((group, Match("fuzzy", score, ("事项名称", "事项类型"), why)))
        return found

    def parted(self, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
        """The names of a part of the matter a decision row names whole (wording.named_parts: a
        grade, 扩建 …): a row cancelling 城市园林绿化企业资质核准 cancels every grade of it, and
        reaches 城市园林绿化企业一级资质核准; one cancelling 企业投资民用机场项目核准 reaches
        企业投资扩建民用机场项目核准. The rest of each name, its parts set aside, is the same
        matter as q (one stem, actions, notes and scope that agree, as same_matter). A row naming
        a part itself reaches no other part this way (graded reads a grade range)."""
        wording = self.mapping.wording
        if q.parts is None or named_parts(q.key, wording) is not None:
            return []
        if self._parted is None:
            self._parted = defaultdict(list)
            for k in self.keys:
                theirs = named_parts(k, wording)
                if theirs is not None:
                    self._parted[parts(theirs.rest, wording).stem].append((k, theirs))
        found = []
        for k, theirs in self._parted.get(q.parts.stem, ()):
            group = [e for e in self.by_key[k] if types_agree(q.task_type, e.task_type)]
            own = parts(theirs.rest, wording)
            if k == q.key or not group or self._clash(q, own, q.core):
                continue
            why = (
                f"the first names the whole matter, the second its part '{theirs.said}': "
                f"'{q.key}' ~ '{k}', stem '{q.parts.stem}'"
            )
            how = _same_matter_note(q.parts, own)
            why += f"; {how}" if how else ""
            score = round(float(fuzz.ratio(q.key, k)), 1)
            found.append((group, Match("fuzzy", score, ("事项名称", "事项类型"), why)))
        return found

    def _clash(self, q: NameEntry, e: Parts, core: str) -> bool:
        """Do actions, notes or scope say that two names with one stem are different matters
        (same_matter)?"""
        assert q.parts is not None
        return bool(
            action_conflict(
                q.parts, e, implementing=q.implementing, strict=self.mains, partial=self.partial
            )
            or note_conflict(q.parts, e, implementing=q.implementing)
            or _another_act(q.parts.notes ^ e.notes, core)
            or scope_conflict(q.parts, e)
        )

    def fuzzy(self, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
        """Fuzzy tier: every candidate key accepted by the rules, best first. A list item
        looking for its catalogue matter is compared with its notes too, then without them."""
        same: list[tuple[list[NameEntry], Match]] = []
        accepted: list[tuple[list[NameEntry], Match]] = []
        seen: set[str] = set()
        self._fuzzy(q, "", same, accepted, seen)
        if q.implementing and not same:
            same.extend(g for g in self.graded(q) if g[0][0].key not in seen)
        if q.implementing and q.has_note and not _another_act(_notes(q.key), q.core):
            bare = replace(q, key=q.core, own_note_dropped=True)
            found: tuple[list[Any], list[Any]] = ([], [])
            self._fuzzy(bare, "without the list item's note, ", *found, seen)
            for out, hits in zip((same, accepted), found, strict=True):
                out.extend(h for h in hits if not self.note_elsewhere(q, h[0][0]))
        accepted.sort(key=lambda a: -a[1].score)
        return same + accepted

    def _fuzzy(
        self,
        q: NameEntry,
        prefix: str,
        same: list[tuple[list[NameEntry], Match]],
        accepted: list[tuple[list[NameEntry], Match]],
        seen: set[str],
    ) -> None:
        """Names of one matter go to `same` (best first: the same actions before a 业务办理项
        of a matter naming none, then by ratio); names accepted on weighed evidence to
        `accepted`."""
        near = self.same_matter(q) or self.loosely_same(q)
        found = [(k, g, how) for k, g, how in near if k not in seen]
        found.sort(key=lambda t: (self._rank(q, t[1][0]), -fuzz.ratio(q.key, t[0])))
        for k, group, how in found:
            seen.add(k)
            same.append((group, _same_matter_match(q, k, how, prefix)))
        # ranked best first; the contrast (remembered per pair) is worked out only for the
        # candidates not set aside already
        for k, score in self.ranked(q.key):
            if score < self.mapping.fuzzy_supported:
                break
            if (
                k in seen
                or (q.own_note_dropped and k != name_core(k) and not _inclusive(k))
                or self.contrast(q.key, k)
            ):
                continue
            group = [e for e in self.by_key[k] if types_agree(q.task_type, e.task_type)]
            if not group or self._vetoed(q, group[0]):
                continue
            weights = self.weigh(q, group[0], score)
            total = sum(w for _, w, _ in weights)
            if total < self.mapping.fuzzy_accept_weight or weights[0][1] <= 0:
                # the names must weigh something (weights[0] is the name's): law, department
                # and type are what siblings share, so they confirm names, never make them one
                continue
            seen.add(k)
            bits = ", ".join(f"{f} {w:+.1f}" for f, w, _ in weights)
            why = "; ".join(
                [
                    f"{prefix}similar names ({score:.0f}): '{q.key}' ~ '{k}'",
                    *(s for _, _, s in weights),
                    f"evidence weights {bits}, total {total:.1f} ≥ "
                    f"{self.mapping.fuzzy_accept_weight:g}",
                ]
            )
            fields = tuple(dict.fromkeys(("事项名称", "事项类型", *(f for f, _, _ in weights))))
            pairs = tuple((f, w) for f, w, _ in weights)
            accepted.append((group, Match("fuzzy", round(score, 1), fields, why, pairs)))

    def _rank(self, q: NameEntry, e: NameEntry) -> int:
        """_action_rank, where a query naming only the first grant (首次, 新办) ranks the first
        grant of a matter the catalogue splits (mark_split_matters: 公共场所卫生许可证核发
        beside …变更, …延续 under 公共场所卫生许可) as one naming the first grant in other
        words: before the whole matter."""
        rank = _action_rank(q, e, self.mapping.wording)
        if rank == 2 and e.id in self.split and q.parts is not None:
            first = q.parts.initial and q.parts.actions == q.parts.initial
            return 1 if first else rank
        return rank

    def _vetoed(self, q: NameEntry, e: NameEntry) -> str:
        """A reason the two names are different matters whatever else agrees, or ""."""
        if q.parts is not None and e.parts is not None:
            clash = action_conflict(
                q.parts,
                e.parts,
                implementing=q.implementing,
                strict=self.mains,
                partial=self.partial,
            )
            clash = clash or scope_conflict(q.parts, e.parts)
            if clash:
                return clash
            if _another_act(q.parts.notes ^ e.parts.notes, q.core):
                return "a note names another kind of act"

        m = self.mapping
        return (
            self.act_changed(q, e)
            or part_conflict(q.key, e.key, m.wording, implementing=q.implementing)
            or subject_change(q.key, e.key, m.fuzzy_filler, m.wording.subject_words)
            or self.subject_apart(q, e)  # weighed names too: 缴存登记 beside 单位/个人缴存登记
            or self.note_elsewhere(q, e)
            or self.unapplied_contrast(q, e)
        )

    def unapplied_contrast(self, q: NameEntry, e: NameEntry) -> str:
        """unapplied_contrast of two names either of which is of a kind no one applies for."""
        m = self.mapping
        if not any(unapplied(one.core, one.task_type, m.wording) for one in (q, e)):
            return ""
        return unapplied_contrast(q.core, e.core, m.wording, m.fuzzy_filler)

    def act_changed(self, q: NameEntry, e: NameEntry) -> str:
        """The words set aside around the act word of either name where its own 事项类型 says
        they name another act (wording.act_changed_by_type: 登记管理 typed 行政检查), or "":
        a decision row carries no type, so the list item's own type must tell."""
        wording = self.mapping.wording
        for one in (q, e):
            said = one.parts and act_changed_by_type(one.parts, one.task_type, wording)
            if said:
                return f"事项类型 {one.task_type}: {said} names another act"
        return ""

    def weigh(self, q: NameEntry, e: NameEntry, score: float) -> list[tuple[str, float, str]]:
        """(field, weight in bits, sentence) of each piece of evidence for a fuzzy pair."""
        self.weighed += 1
        m = self.mapping
        diff = differing_text(q.key, e.key)
        content = content_difference(q.key, e.key, m.fuzzy_filler)
        out: list[tuple[str, float, str]] = []
        aside = self._act_wording_aside(q, e) if content else ""
        if not content:
            out.append(("事项名称", m.fuzzy_filler_weight, f"they differ only in '{diff}'"))
        elif aside:
            said = f"they differ only in '{diff}' once the words around the act word are set aside"
            out.append(("事项名称", m.fuzzy_filler_weight, f"{said}: {aside}"))
        else:
            band = next((w for floor, w in m.fuzzy_name_weights if score >= floor), 0.0)
            out.append(("事项名称", band, f"they differ in '{diff}'"))
        if q.task_type and e.task_type and q.task_type == e.task_type:
            out.append(("事项类型", m.fuzzy_type_weight, f"same matter type {q.task_type}"))
        shared_laws = laws(q.by_law) & laws(e.by_law)
        if shared_laws:
            law = min(shared_laws, key=lambda t: self._laws[t])
            w = self._informative(self._laws[law])
            out.append(("设定依据", w, f"same legal basis 《{law}》"))
        words = frozenset(department_words(e.department))
        if words and department_words(q.department) & words:
            n = self._departments[words]
            w = self._informative(n)
            out.append(
                (
                    "部门",
                    w,
                    f"departments agree ({q.department} / {e.department}) "
                    f"and that department has {n / self._total:.0%} of the candidates",
                )
            )
        if q.implementing and (q.scope, e.id) in self.taken:
            taken = "another item of this agency implements the matter by its code"
            out.append(("基本编码", m.fuzzy_taken_weight, taken))
        return out

    def _act_wording_aside(self, q: NameEntry, e: NameEntry) -> str:
        """The words around the act word (wording.act_wording_aside: 行政裁决→裁决,
        处理决定→处理) that alone, filler aside, make two names differ in content, as the
        evidence says them ("— / 处理决定→处理"), or "" when content differs besides."""
        wording, filler = self.mapping.wording, self.mapping.fuzzy_filler
        a, said_a = act_wording_aside(q.core, wording)
        b, said_b = act_wording_aside(e.core, wording)
        if said_a == said_b or content_difference(a, b, filler):
            return ""
        mine = [w for w in said_a if w not in said_b]
        theirs = [w for w in said_b if w not in said_a]
        return f"{'、'.join(mine) or '—'} / {'、'.join(theirs) or '—'}"

    def _informative(self, count: int) -> float:
        """log2 of how rare a value is among the index's entries, capped: TF-adjusted agreement.
        Shares are counted over at least MIN_POPULATION entries: a handful of entries cannot
        say that a value is common."""
        share = max(count, 1) / max(self._total, MIN_POPULATION)
        return round(min(self.mapping.fuzzy_max_field_weight, math.log2(1 / share)), 1)

    def variants_of_whole(self, q: NameEntry, group: list[NameEntry]) -> list[NameEntry]:
        """The catalogue's variants of the matter a list item names whole, when its name matched
        one or some of them, else []. The item names no action and lacks each candidate's note
        (食品经营许可, 食品经营许可（告知承诺制）, 放射诊疗许可证核发), and the catalogue lists the
        candidates' name only with notes, two or more (（仅销售预包装食品）, （除…外）; （延续）,
        （新办）, （变更））, never bare: the item covers them all, and which one it is cannot
        be told (catalogue order must not decide), so a decision on one variant is not one on
        the item. A single 子项 (（新办） alone) is the matter's only record and stays matched."""
        if not q.implementing or q.parts is None or q.parts.actions:
            return []
        acted = self._acts_of_whole(q, group)
        if acted:
            return acted
        mine = _notes(q.key)
        if any(_notes(e.key) <= mine or _cites_as(q, e) or _writes_notes(q, e) for e in group):
            return []  # the item names this record's variant (or the record names the whole)
        part = _one_subject_note(q.key, self.mapping.wording)
        if part and any(part in _listed_parts(e) for e in group):
            return []  # the item names one of the parts this record's note lists
        siblings = [
            s
            for core in dict.fromkeys(e.core for e in group)
            for s in self.by_core.get(core, [])
            if types_agree(q.task_type, s.task_type)
        ]
        if any(_notes(s.key) <= mine for s in siblings):
            return []  # the catalogue lists the whole matter too
        return siblings if len({s.key for s in siblings}) > 1 else []

    def _acts_of_whole(self, q: NameEntry, group: list[NameEntry]) -> list[NameEntry]:
        """The records of the stem a list item names whole (no action) where the catalogue
        lists it only by its 业务办理项, two or more, never bare (社会团体成立登记, 变更登记,
        注销登记 beside 社会团体登记): as for variants by note, it covers them all."""
        assert q.parts is not None
        if not all(e.parts is not None and e.parts.actions for e in group):
            return []
        siblings = [
            s
            for s in self.by_stem.get(q.parts.stem, [])
            if s.parts is not None
            and types_agree(q.task_type, s.task_type)
            and not scope_conflict(q.parts, s.parts)
        ]
        if any(not s.parts.actions for s in siblings if s.parts is not None):
            return []  # the catalogue lists the whole matter too
        return siblings if len({s.key for s in siblings}) > 1 else []

    def best(self, q: NameEntry) -> tuple[NameEntry, float, str] | None:
        """The closest candidate whatever the rules say, to show beside an unmatched item."""
        ranked = self.ranked(q.key)
        if not ranked:
            return None
        k, score = ranked[0]
        clash = self.contrast(q.key, k)
        clash = clash or part_conflict(q.key, k, self.mapping.wording, implementing=q.implementing)
        clash = clash or self.note_elsewhere(q, self.by_key[k][0])
        clash = clash or self.subject_apart(q, self.by_key[k][0])
        clash = clash or self.act_apart(q, self.by_key[k][0])
        if score >= self.mapping.fuzzy_supported:  # why the weighed tier did not take it
            clash = clash or self.unapplied_contrast(q, self.by_key[k][0])
        return self.by_key[k][0], score, clash

    def shortfall(self, q: NameEntry, e: NameEntry, score: float, denied: bool = False) -> str:
        """Why the weighed tier did not take a close candidate no contrast rules out, as the
        unmatched item's evidence says it: the types differ (only equal names cross them), a
        veto (_vetoed), or the weights that fall short of `fuzzy.weights.accept` (or a name
        that weighs nothing); "" below the supported ratio. A pair a reviewer denied says so
        (`denied`), whatever it weighs. Until hunt 23c an item scoring 92
        (社会保险个人权益记录查询打印) was left with 'closest … scores 92' and no reason."""
        if denied:
            return "a reviewer denied this pair"
        if score < self.mapping.fuzzy_supported:
            return ""
        if not types_agree(q.task_type, e.task_type):
            return f"事项类型 differ ({q.task_type} / {e.task_type}): only equal names cross them"
        veto = self._vetoed(q, e)
        if veto:
            return veto
        counted = self.weighed  # the prefix reading's cache counts the weighings of matching
        weights = self.weigh(q, e, score)
        self.weighed = counted
        total = sum(w for _, w, _ in weights)
        accept = self.mapping.fuzzy_accept_weight
        if total >= accept and weights[0][1] > 0:
            return ""
        bits = ", ".join(f"{f} {w:+.1f}" for f, w, _ in weights)
        return f"evidence weights {bits}, total {total:.1f} < {accept:g}: not taken"


def _range_covers(mine: Grades, theirs: Grades, *, implementing: bool) -> bool:
    """Does a grade range cover the other side's grades: the decision row's range the record's,
    or, for a list item looking for its catalogue matter, the matter's range the item's (a list
    item of 三级 implements …三级及以下资质认定; one of a range never a matter of fewer grades)?"""
    if implementing:
        return theirs.ranged and mine.grades <= theirs.grades
    return theirs.grades <= mine.grades


def _grade_order(wording: Wording) -> Any:
    """Sort key of grades: highest first, scale by scale, the lowest last."""
    order = [g for scale in wording.grade_scales for g in scale] + list(wording.lowest_grades)
    return lambda g: order.index(g) if g in order else len(order)


def _action_rank(q: NameEntry, e: NameEntry, wording: Wording | None = None) -> int:
    """0 when two names name the same actions (a 申请 read as the first grant aside: 某某许可申请
    implements 某某许可 before its 子项 某某许可（新办）), 1 when both name only the first grant
    in other words (首次 / 新办: the 子项 of the first grant before the whole matter), 2
    otherwise (a 业务办理项 and its matter)."""
    if q.parts is None or e.parts is None:
        return 2
    a, b = q.parts, e.parts
    if a.actions == b.actions or a.actions - {a.applied} == b.actions - {b.applied}:
        return 0
    if (
        a.actions
        and wording is not None
        and action_acts(a.actions, wording) == action_acts(b.actions, wording)
    ):
        return 0  # one act spelled otherwise (补证 / 补办): the 业务办理项 before its matter
    if a.initial and b.initial and a.actions == a.initial and b.actions == b.initial:
        return 1
    return 2


def _same_matter_match(q: NameEntry, key: str, how: str, prefix: str = "") -> Match:
    """The fuzzy-tier Match of two names of one matter (NameIndex.same_matter)."""
    stem = q.parts.stem if q.parts else ""
    why = (
        f"{prefix}names of one matter once the wording that varies between levels is set "
        f"aside: '{q.key}' ~ '{key}', stem '{stem}'"
    ) + (f"; {how}" if how else "")
    return Match("fuzzy", round(float(fuzz.ratio(q.key, key)), 1), ("事项名称", "事项类型"), why)


def _same_matter_note(q: Parts, e: Parts) -> str:
    """How two names with one stem differ, for the evidence."""
    words = wording_difference(q, e)
    said = [f"words set aside: {words}"] if words else []
    if q.scope and e.scope and q.scope != e.scope and q.level == e.level:
        said.append(f"{q.scope} and {e.scope} name one level")
    if e.stage and e.stage not in q.notes:
        said.append(f"the second is the {e.stage} stage of the matter")
    elif q.stage and q.stage not in e.notes:
        said.append(f"the first is the {q.stage} stage of the matter")
    mine, theirs = "/".join(sorted(q.actions)), "/".join(sorted(e.actions))
    if mine and theirs and mine != theirs and q.actions == q.initial and e.actions == e.initial:
        said.append(f"both name the first grant ({mine} / {theirs})")
        return "; ".join(said)
    if q.actions != e.actions and opens_with_first_grant(q, e) and q.opens:
        said.append(f"the first opens with {mine}, the first grant: the matter itself")
        return "; ".join(said)
    if q.applied and not e.actions and opens_with_first_grant(q, e):
        said.append(
            f"the first names the application ({q.applied}), the first grant: the matter itself"
        )
        return "; ".join(said)
    # a 申请 read as the first grant is said among the words set aside, not as a 业务办理项
    mine = "/".join(sorted(q.actions - {q.applied}))
    theirs = "/".join(sorted(e.actions - {e.applied}))
    if theirs and not mine:
        said.append(f"the first names the whole matter, the second its 业务办理项 {theirs}")
    elif mine and not theirs:
        said.append(f"the first is a 业务办理项 ({mine}) of the second")
    elif q.actions < e.actions:
        said.append(f"the second lists the first's 业务办理项 {mine} among its own {theirs}")
    elif mine:
        said.append(f"same 业务办理项 {mine}")
    return "; ".join(said)


def subject_change(
    a: str, b: str, filler: frozenset[str], subject_words: tuple[str, ...] = ()
) -> str:
    """Names that name another subject: they differ at their very start in content (计划生育医疗费
    is not 生育医疗费), or only in a word that makes another subject of the word after it
    (`wording.subject_words`: 分公司 is not 公司, 非营利 not 营利). Filler (在, 对) and word order
    do not count, unless the word moved is a subject word (营利性…变更为非营利性… is the reverse
    of 非营利性…变更为营利性…)."""
    content = content_difference(a, b, filler) if a and b else ""
    if content and content in subject_words:
        return f"subject differs ('{content}')"
    word = next((w for w in subject_words if len(w) > 1 and a.count(w) != b.count(w)), "")
    if word:
        return f"subject differs ('{word}')"
    if not content and a != b:
        moved = differing_text(a, b)
        word = next((w for w in subject_words if w in moved), "")
        if word:
            return f"subject differs ('{word}' moved)"
    if not content or a[0] == b[0]:
        return ""
    first = next((op for op in Indel.opcodes(a, b) if op.tag != "equal"), None)
    if first is None or (first.src_start, first.dest_start) != (0, 0):
        return ""
    lead = a[: first.src_end] + b[: first.dest_end]
    if all(c in filler for c in lead):
        return ""
    return f"subject differs at the start ('{lead}')"


def _subject_notes(key: str, wording: Wording) -> frozenset[str]:
    """The notes of a name that may name a subject: two characters or more, neither inclusive
    nor an action, a stage, a scope or an act word (those are read by their own rules)."""
    return frozenset(
        n
        for n in _notes(key)
        if len(n) >= 2
        and not _inclusive(n)
        and not note_actions(n, wording)
        and n not in wording.stage_words
        and n not in wording.act_stage_words
        and n not in wording.scope_prefixes
        and n not in wording.jurisdiction_prefixes
        and not any(a in n for a in _ACTS)
    )


def _part_of_business(key: str, wording: Wording) -> str:
    """The one note of a key naming a part or a subject (_subject_notes), where its other
    notes, if any, each name a 业务办理项 of that part (an action of the matter's own:
    农药经营许可（限制使用农药）（首次申请）, 公共场所卫生许可（饭馆、咖啡馆）（新办）); "" when
    there is none or more than one, or a note names an act of its own (（备案） beside 许可:
    another matter)."""
    notes = _notes(key)
    parts = notes & _subject_notes(key, wording)
    if len(parts) != 1:
        return ""
    core = name_core(key)
    for other in notes - parts:
        if not note_actions(other, wording) or _act_of_its_own(other, core):
            return ""
    return next(iter(parts))


def _one_subject_note(key: str, wording: Wording) -> str:
    """The note of a key of one note that may name a part or a subject (_subject_notes)."""
    notes = _notes(key)
    return next(iter(notes)) if len(notes) == 1 and notes <= _subject_notes(key, wording) else ""


def _listed_parts(e: NameEntry) -> tuple[str, ...]:
    """The parts the one note of e's name lists with 、 (B类、C类), as keys, each two characters
    at least; else none (the key drops the 、, so the name is read)."""
    notes = top_notes(e.name.replace("（", "(").replace("）", ")"))
    if len(notes) != 1:
        return ()
    found = [p.strip() for p in next(iter(notes)).split("、")]
    if len(found) < 2 or any(len(p) < 2 for p in found):
        return ()
    return tuple(name_key(p) for p in found)


def _business_said(group: list[NameEntry], part: str, wording: Wording) -> str:
    """The evidence's clause naming the 业务办理项 of the variant the records are, if any."""
    notes = {n for e in group for n in _notes(e.key) if n != part}
    acts = sorted(n for n in notes if note_actions(n, wording))
    return f"; the records are that variant's 业务办理项 ({'、'.join(acts)})" if acts else ""


def _generic_inside(key: str, wording: Wording) -> list[tuple[str, str]]:
    """(the key without it, the word) for each `generic_words` word inside a key, neither at
    its start nor at its end (港口理货业务经营许可 without 业务)."""
    return [
        (key[:at] + key[at + len(word) :], word)
        for word in wording.generic_words
        for at in [key.find(word, 1)]
        if 0 < at < len(key) - len(word)
    ]


def _named_by_note(note: str, e: NameEntry, generic: tuple[str, ...]) -> Iterator[str]:
    """The names a note of e makes: put into e's core (_placed), or in place of its stem before
    the words that only say how it is granted or applied for (失业补助金 in
    失业保险金申领（失业补助金） gives 失业补助金申领: the note names that matter's object), where
    the note is a sibling of the stem, opening or ending as it does (失业…, …金); a note of
    another kind (餐饮服务 in 食品经营许可（餐饮服务）, the business the licence covers) names
    no matter in its place."""
    yield from _placed(note, e.core, generic)
    stem = e.parts.stem if e.parts is not None else ""
    if stem and e.core.startswith(stem) and len(e.core) > len(stem) and _kin(note, stem):
        yield note + e.core[len(stem) :]


def _kin(note: str, stem: str) -> bool:
    """Is a note another of the stem's kind (失业补助金 beside 失业保险金: the same opening of two
    characters, or the same last character), not the stem itself?"""
    return note != stem and (note[:2] == stem[:2] or note[-1] == stem[-1])


def _placed(note: str, core: str, generic: tuple[str, ...]) -> Iterator[str]:
    """The names a note makes put into a core at each place, or in place of a generic subject
    (企业), its last characters one with those after it: 外商投资 in 企业投资项目核准 gives
    外商投资企业投资项目核准 and 外商投资项目核准; or its first characters one with those before
    it (_lead_shared). Never the core itself: a note whose words the name already holds at
    that place (生产 in 烟花爆竹生产企业安全检查) puts nothing in, and the plain name is the
    主项, not the variant (session 23: （生产） reached the 主项 and its siblings)."""
    for i in range(len(core) + 1):
        ends = [i] + [i + len(g) for g in generic if core.startswith(g, i)]
        for j in ends:
            rest = core[j:]
            shared = next(
                (n for n in range(min(len(note), len(rest)), 0, -1) if note.endswith(rest[:n])), 0
            )
            placed = [core[:i] + note + rest[shared:]]
            lead = _lead_shared(note, core[:i])
            if lead:
                placed.append(core[: i - lead] + note + rest[shared:])
            yield from (name for name in placed if name != core)


def _lead_shared(note: str, before: str) -> int:
    """How many characters, two at least and short of the whole note, the note opens with
    that end the text before it: 港口理货 put after 港口 in 港口经营许可 gives 港口理货经营许可,
    the note repeating the word it narrows."""
    top = min(len(note) - 1, len(before))
    return next((n for n in range(top, 1, -1) if before.endswith(note[:n])), 0)


def _holds_note(core: str, note: str, plain: str) -> bool:
    """Is `core` the note and the end of `plain` (at least half of it, two characters)?"""
    if note not in core:
        return False
    rest = core.replace(note, "", 1)
    return len(rest) >= 2 and 2 * len(rest) >= len(plain) and plain.endswith(rest)


def _subject_in(note: str, wording: Wording) -> str:
    """A subject word of two characters or more the note holds (外资, 分所), or ""."""
    return next((w for w in wording.subject_words if len(w) > 1 and w in note), "")


def _subject_inserted(plain: str, core: str, wording: Wording) -> bool:
    """Is `core` the plain name with words put in that hold a subject word (外商投资企业设立登记
    beside 企业设立登记)?"""
    ops = [op for op in Indel.opcodes(plain, core) if op.tag != "equal"]
    if not ops or any(op.tag != "insert" for op in ops):
        return False
    added = "".join(core[op.dest_start : op.dest_end] for op in ops)
    return bool(_subject_in(added, wording))


def _note_may_drop(q: NameEntry, e: NameEntry) -> bool:
    """Equal cores name the same matter when the candidate carries the only note (it is a
    variant of what q names), or q's only note is inclusive (（含煤层气）): a note on q alone
    that narrows it (（注销）) does not reach the broader candidate, unless q is a list item
    looking for its catalogue matter: 客运车辆道路运输证办理（注销） implements
    客运车辆道路运输证办理. Once a list item's own note is dropped, only an inclusive note on
    the candidate drops too: （其他农药） and （限制使用农药） are two variants. Notes both carry
    (农民专业合作社（联合社）…) do not count."""
    mine, theirs = _variant_notes(q), _variant_notes(e)
    q_only, e_only = mine - theirs, theirs - mine
    if not q_only and not e_only:  # only remarks differ (wording.is_remark): set aside where
        # one side carries them; two names each citing another basis (第九十四条 / 第九十七条)
        # are two records the catalogue keeps apart by them; one law cited by its full title
        # and its short one (中华人民共和国森林法 / 森林法) is one basis (_bases_apart)
        mine_r, theirs_r = _remarks(q), _remarks(e)
        return mine_r != theirs_r and not _bases_apart(q, e)
    if bool(q_only) == bool(e_only):
        return False
    if _another_act(q_only or e_only, q.core):
        return False
    if e_only:
        return _inclusive(e_only) if q.own_note_dropped else _not_listed_beside(q, e)
    return q.implementing or _inclusive(q_only)


def _not_listed_beside(q: NameEntry, e: NameEntry) -> bool:
    """Is e, whose notes q lacks, a variant of what q names? Not where q names an action and
    e lists its actions one note each (食品经营许可（变更）（注销） beside 食品经营许可（注销））:
    e is several 业务办理项, which q reaches only in part (names of one matter say so)."""
    if q.parts is None or e.parts is None or not q.parts.actions:
        return True
    return not (lists_its_actions(e.parts) and e.parts.actions - q.parts.actions)


# Kinds of act a matter's name ends in: a note naming another kind than its name does
# (医疗机构执业登记（中医诊所备案）) names another matter, not a variant of this one.
_ACTS = ("许可", "备案", "登记", "认定", "确认", "核准", "审批")


def _names_another_act(e: NameEntry) -> bool:
    """Does a name name an action other than the first grant (变更, 延续, 注销)?"""
    return e.parts is not None and bool(e.parts.actions - e.parts.initial)


def _another_act(notes: frozenset[str], core: str) -> bool:
    """Does a note name something done under another kind of act than the name's (中医诊所备案
    beside 登记)? A note that is the act word alone (…变更登记（备案）) only says how it is done."""
    own = {a for a in _ACTS if a in core}
    return bool(own) and any(a in n and a not in own and n != a for n in notes for a in _ACTS)


def noted_other_matter(plain: Parts, types: Iterable[str], noted: Parts, noted_type: str) -> str:
    """Why `noted`, the plain record's name with a note it lacks, is another matter, or "":
    its note names a kind of act the name does not (诊所执业登记（备案） beside 诊所执业登记), or
    its 事项类型 is none of the plain records' `types` (其他行政权力 beside 行政许可). A note
    naming a 业务办理项 or the stage is no such note (Parts.notes holds neither)."""
    extra = noted.notes - plain.notes - {noted.stage}
    if not extra or noted.stem != plain.stem:
        return ""
    acting = sorted(n for n in extra if _act_of_its_own(n, name_core(plain.key)))
    if acting:
        return f"the note '{acting[0]}' names another kind of act than '{plain.key}'"
    typed = {t for t in types if t}
    if noted_type and typed and noted_type not in typed:
        return f"'{noted.key}' is {noted_type}, '{plain.key}' {'、'.join(sorted(typed))}"
    return ""


def _act_of_its_own(note: str, core: str) -> bool:
    """Does a note name a kind of act the name does not (备案 beside 诊所执业登记), the act
    word alone too? Beside a record of the name exactly, that is another matter
    (NameIndex.noted_apart). 审批 and 许可 are one kind (an approval is the licence): 取水许可
    （审批） is 取水许可 written with its act, a variant."""
    own = {a for a in _ACTS if a in core}
    if own & _APPROVALS:
        own |= _APPROVALS
    return any(a in note and a not in own for a in _ACTS)


# The population word naming every population a benefit is paid to (_population_part).
_ALL_POPULATIONS = ("城乡",)

# The act words that name one kind of act, a licence (_act_of_its_own).
_APPROVALS = frozenset({"许可", "审批"})


def _notes(key: str) -> frozenset[str]:
    return top_notes(key)


def _remarks(e: NameEntry) -> frozenset[str]:
    """The notes of an entry that only remark on it (wording.is_remark: 依据…, 下放…)."""
    return e.parts.remarks if e.parts is not None else frozenset()


def _variant_notes(e: NameEntry) -> frozenset[str]:
    """The notes of an entry that may name a variant or a 业务办理项: all but its remarks."""
    return _notes(e.key) - _remarks(e)


def _bases_apart(q: NameEntry, e: NameEntry) -> bool:
    """Both names cite a legal basis and not the same one (…《水污染防治法》… / …《大气污染防治
    法》…; …第九十四条 / …第九十七条; 森林法 / 森林法实施条例): two records, each its own
    offence, kept apart by their notes, which are set aside only where one side carries them.
    A law cited by its full title and by its short one (中华人民共和国森林法 / 森林法; 依据…) is
    one basis (wording.cited_basis)."""
    mine, theirs = _bases(q), _bases(e)
    return bool(mine and theirs and mine != theirs)


def _writes_notes(q: NameEntry, e: NameEntry) -> bool:
    """Does q write e's variant notes inside its name (不设床位的医疗机构执业登记 beside 医疗机构
    执业登记（不设床位））? Then q names that variant, not the whole matter."""
    notes = _variant_notes(e)
    return bool(notes) and all(n in q.core for n in notes)


def _cites_as(q: NameEntry, e: NameEntry) -> bool:
    """Do q and e differ only in how they cite one basis (…（森林法第七十六条） / …（中华人民共和国
    森林法第七十六条））? Then q names e's record, no variant of it."""
    return bool(_bases(q)) and _bases(q) == _bases(e) and _variant_notes(q) == _variant_notes(e)


def _bases(e: NameEntry) -> frozenset[str]:
    """The bases an entry's remarks cite, as two citations compare (wording.cited_basis)."""
    return e.parts.bases if e.parts is not None else frozenset()


def _remark_note(q: NameEntry, e: NameEntry) -> str:
    """The evidence on remarks one side carries alone, set aside: they cite a legal basis or
    a delegation, and name no 子项."""
    said = "、".join(sorted(_remarks(q) ^ _remarks(e)))
    if not said:
        return ""
    if _bases(q) and _bases(q) == _bases(e):
        cited = "、".join(sorted(_bases(q)))
        return f"the notes '{said}' cite one legal basis, {cited}, by its full and its short title"
    return f"the note '{said}' cites a legal basis or a delegation, no 子项: set aside"


def _inclusive(notes: str | frozenset[str]) -> bool:
    """Every note says what the matter includes (（含煤层气）, （包括临时））."""
    if isinstance(notes, str):
        notes = _notes(notes)
    return bool(notes) and all(n.startswith(("含", "包括", "包含")) for n in notes)


# a 公共服务 record named after a matter with a note naming no action of it (（咨询）, （查询）,
# （预约办理）) is a service about that matter, not the matter typed otherwise (_retyped); one
# naming an action (医疗机构执业登记（变更） typed 公共服务) is that 业务办理项
_SERVICE_TYPE = "公共服务"


def _typed_alike(q: NameEntry, e: NameEntry) -> bool:
    return types_agree(q.task_type, e.task_type)


def _type_note(q: NameEntry, e: NameEntry) -> str:
    if q.task_type and e.task_type and q.task_type != e.task_type:
        return f", 事项类型 differ ({q.task_type} / {e.task_type}), both of kinds applied for"
    if q.task_type and e.task_type:
        return f", both {q.task_type}"
    return ", matter type not compared (missing on one side)"


def match_name(
    index: NameIndex, q: NameEntry, exclude: set[str] | frozenset[str] = frozenset()
) -> tuple[list[NameEntry], Match] | None:
    """The strongest name-based match of q in index: name tier, else the best fuzzy group;
    candidates in `exclude` (denied by a reviewer) never match."""
    hit = index.exact(q)
    if hit:
        group = [e for e in hit[0] if e.id not in exclude]
        if group:
            return group, hit[1]
    for group, match in index.fuzzy(q):
        group = [e for e in group if e.id not in exclude]
        if group:
            return _with_scope_siblings(index, q, group, exclude), match
    hit = index.one_listed(q)
    group = [e for e in hit[0] if e.id not in exclude] if hit else []
    return (group, hit[1]) if hit and group else None


def _with_scope_siblings(
    index: NameIndex, q: NameEntry, group: list[NameEntry], exclude: Container[str]
) -> list[NameEntry]:
    """The group a list item naming no scope word matches as names of one matter, with the
    matters of its stem under a scope word of another level (国家重点保护… beside 省重点保护…):
    the item may be either, so both match equally and only its department may single one
    out (by_department); never the nearer spelling."""
    first = group[0].parts
    if not q.implementing or q.parts is None or q.parts.level or not (first and first.level):
        return group
    others = [
        e
        for _, found, _ in index.same_matter(q)
        for e in found
        if e.id not in exclude and e.parts and e.parts.level and scope_conflict(first, e.parts)
    ]
    return [*group, *others]


def match_matter(
    index: NameIndex,
    q: NameEntry,
    exclude: set[str] | frozenset[str] = frozenset(),
    weighed: list[tuple[list[NameEntry], Match]] | None = None,
) -> list[tuple[list[NameEntry], Match]]:
    """Every record of index that names the matter a decision row names: equal names, names
    equal without a note, and names of the same matter in other wording or of one of its
    业务办理项 (wording.parts: one stem, actions that agree). A decision names a matter, not a
    row of a list: 某某证核发 reaches 某某证发放（新增）, （补办） and （注销）, and a 主项
    (某某许可) as much as its 子项 (某某许可核发). Names accepted by the fuzzy tier that differ
    only in filler or word order (拖拉机和联合收割机登记 / 拖拉机、联合收割机登记 in another
    list) are the same name spelled otherwise and are reached too. When no name of the first
    kinds exists, the best fuzzy group is taken (and those spellings); given `weighed`, every
    group the fuzzy tier accepts on weighed evidence alone goes there instead, best first, for
    the caller to choose from (each agency's best: one agency writing the decision's words
    does not hide another's wording of them). Candidates in `exclude` never match."""
    found: list[tuple[list[NameEntry], Match]] = []
    taken: set[str] = set()

    def kept(group: list[NameEntry]) -> list[NameEntry]:
        """The group without denied, taken and split-apart records (NameIndex.split_apart:
        a list item naming another act is no 业务办理项 of a split matter's first grant, by
        whichever tier)."""
        return [
            e
            for e in group
            if e.id not in exclude
            and e.id not in taken
            and not index.split_apart(q, e)
            and not index.noted_apart(q, e)
        ]

    def keep(group: list[NameEntry], match: Match) -> None:
        group = kept(group)
        if group:
            taken.update(e.id for e in group)
            found.append((group, match))

    for hit in (
        index.same_key(q),
        index.bare_key(q),
        index.note_placed(q),
        *index.same_core_groups(q),
    ):
        if hit is not None:
            keep(*hit)
    for k, group, how in index.same_matter(q) or index.loosely_same(q):
        keep(group, _same_matter_match(q, k, how))
    for group, match in index.graded(q):
        keep(group, match)
    for group, match in index.parted(q):
        keep(group, match)
    fuzzy = index.fuzzy(q) if weighed is not None or not found else None
    for group, match in () if weighed is not None else fuzzy or ():
        keep(group, match)
        if found:
            break
    for group, match in _listed_subjects(index, q):
        keep(group, match)
    listed = index.one_listed(q) if index.partial else None
    if listed is not None:
        keep(*listed)
    spellings = index.spellings(q.key)
    if spellings:
        filler = index.mapping.fuzzy_filler
        for group, match in index.fuzzy(q) if fuzzy is None else fuzzy:
            k = group[0].key
            if k in spellings and not content_difference(q.key, k, filler):
                keep(group, match)
    if weighed is not None:
        for group, match in fuzzy or ():
            group = kept(group)
            if group:
                weighed.append((group, match))
    return found


# --- the tiers applied to whole sources -------------------------------------------------------


_MIN_FRONT = 2  # a variant note written in front with 的: two characters at least (不设床位)
_MIN_FRONT_NAME = 4  # … before a name of four at least (对违法行为的处罚 writes no variant)
_NOTES_OUT = re.compile(r"（[^（）]*）|\([^()]*\)")
MAX_LISTED_SUBJECTS = 5  # subsets of more are not tried (2^5 names a tail at most)
_JOINS = "和及与"  # conjunctions a row may join two names with (农药生产及经营许可)
_MIN_PREFIX = 2  # a prefix carried from the first item is a word at least

RowName = tuple[str, str, str]  # (key, name as read, prefix carried from the first item or "")
RowItem = tuple[RowName, tuple[RowName, ...]]  # read alone, and with a prefix of the first


@dataclass(frozen=True)
class _Row:
    """A decision row read as several names: per cut of its last item (where that item's
    subject ends, and the shared tail starts) the names its other items and selections give;
    its last item as written; `joined`: split at a conjunction, so every part must be a name."""

    cuts: tuple[tuple[RowItem, ...], ...]
    last: RowItem
    joined: bool
    tails: tuple[str, ...] = ()  # the shared tail of each cut, in the order of `cuts`
    heads: int = 0  # how many items come before the last (a cut's first names)


def _listed_subjects(index: NameIndex, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
    """A decision row naming several matters (普通中小学、幼儿园章程核准; 社会团体、民办非企业
    单位变更登记; 建设工程规划许可证核发、乡村建设规划许可证核发; 农药生产及经营许可) reaches the
    records of the index each of them names exactly, where the reading is unambiguous."""
    m = index.mapping
    found: dict[str, tuple[list[NameEntry], Match]] = {}
    for row in _rows_read(q.name, m.wording, m.level_qualifiers, _groups(m)):
        if row.joined and any(q.key in i.by_key for i in (index, *index.beside)):
            continue  # a name that is itself a matter (in any index beside) is not split
        heads, last, kept = _row_names(index, row)
        for (key, name, prefix), tail in [*((h, kept) for h in heads), *((n, None) for n in last)]:
            if key != q.key and key not in found:
                why = f"the decision row names several matters: '{name}' is one of them"
                if prefix:
                    why += f", '{prefix}' carried from the first"
                if tail:
                    why += f"; the shared tail is '{tail[1]}', its qualifier '{tail[0]}' kept"
                found[key] = (index.by_key[key], Match("name", 95.0, ("事项名称",), why))
    return list(found.values())


def unsettled_readings(index: NameIndex, q: NameEntry) -> list[tuple[list[NameEntry], Match]]:
    """The records a decision row naming several matters would reach by each of its readings
    where its other items are read at no cut (_row_names: the readings differ, where the last
    subject ends is not written): none is taken, a person chooses (the review workbook). The
    evidence names every reading."""
    found: list[tuple[list[NameEntry], Match]] = []
    m = index.mapping
    for row in _rows_read(q.name, m.wording, m.level_qualifiers, _groups(m)):
        readings = _readings(index, row)
        if len(readings) < 2 or row.joined:
            continue
        said = " / ".join("'" + "、".join(n[1] for n in r if n) + "'" for r in readings)
        why = (
            "the decision row names several matters and where its last subject ends is not "
            f"written: it reads as {said}; none is taken"
        )
        for key in dict.fromkeys(n[0] for r in readings for n in r if n):
            found.append((index.by_key[key], Match("ambiguous", 0.0, ("事项名称",), why)))
    return found


Kept = tuple[str, str] | None  # (qualifier, tail) a reading keeps in the shared tail


def _subjects_read(row: _Row, known: Container[str]) -> list[tuple[str, str]]:
    """(key, name) of each subject a row lists alone with the tail (one_listed): the last item
    as written and with each prefix of the first carried onto it, the others at each cut
    where no other cut gives a name `known`."""
    alone, prefixed = row.last
    names = [(alone[0], alone[1]), *((k, n) for k, n, _ in prefixed)]
    cuts = [cut[: row.heads] for cut in row.cuts]
    for at, cut in enumerate(cuts):
        if any(i[0][0] in known for c in cuts[:at] + cuts[at + 1 :] for i in c):
            continue
        names += [(i[0][0], i[0][1]) for i in cut]
        names += [(k, n) for i in cut for k, n, _ in i[1]]
    return names


def _row_names(index: NameIndex, row: _Row) -> tuple[list[RowName], list[RowName], Kept]:
    """The names of a row the index holds: its other items' and its last item's, and the
    qualifier their shared tail keeps (_qualified). The other items are read at one cut of
    the last item only: where cuts give different names, where the subject ends is not known
    and none is taken. A joined row is read only where each part is a name."""
    readings, kept = _qualified(index, row, _cut_readings(index, row))
    heads = [n for n in next(iter(readings)) if n] if len(readings) == 1 else []
    last = _item_name(index, row.last)
    if last is not None and not last[2] and len(readings) == 1:
        (reading, tail), *_ = readings.items()
        if _prefix_told_apart(index, reading[0], tail):
            last = None  # its bare name drops the prefix the first item carries
    if row.joined and not (heads and last):
        return [], [], None
    return heads, [last] if last else [], kept if heads else None


def _prefix_told_apart(index: NameIndex, first: RowName | None, tail: str) -> bool:
    """Does the index (or one beside it) hold the first item of a row sharing a tail both
    with and without words it opens with (国家重点保护水生野生动物人工繁育许可证核发 and
    水生野生动物人工繁育许可证核发)? Then those words are a qualifier the records tell apart,
    carried to every listed part as the tail is: a later item's bare name (陆生野生动物人工繁育
    许可证核发, not nationally protected) is not what the row names."""
    if first is None or first[2] or not tail or not first[1].endswith(tail):
        return False
    subject = first[1][: len(first[1]) - len(tail)]
    indexes = (index, *index.beside, *index.names_beside)
    lq = index.mapping.level_qualifiers
    for at in range(_MIN_PREFIX, len(subject)):
        bare = name_key(subject[at:] + tail, lq)
        if any(bare in i.by_key for i in indexes):
            return True
    return False


def _cut_readings(index: NameIndex, row: _Row) -> dict[tuple[RowName | None, ...], str]:
    """Each reading of a row's other items the index holds a name of, with its shared tail."""
    readings: dict[tuple[RowName | None, ...], str] = {}
    for cut, tail in zip(row.cuts, row.tails, strict=True):
        reading = tuple(_item_name(index, i) for i in cut)
        if any(reading):
            readings.setdefault(reading, tail)
    return readings


def _readings(index: NameIndex, row: _Row) -> list[tuple[RowName | None, ...]]:
    """The readings of a row's other items left once those dropping a qualifier are set
    aside (_qualified)."""
    return list(_qualified(index, row, _cut_readings(index, row))[0])


def _qualified(
    index: NameIndex, row: _Row, readings: dict[tuple[RowName | None, ...], str]
) -> tuple[dict[tuple[RowName | None, ...], str], Kept]:
    """The readings left once those that drop a qualifier are set aside. A cut whose tail
    leaves a qualifier to the last subject (森林经营单位临时 | 使用林地审批) glues the bare tail
    to the other items (建设项目使用林地审批, another licence); where a record of this index or
    one beside names the other items with the qualifier kept (建设项目临时使用林地审批), the
    qualifier is the tail's, as the action is: that cut is not read. A subject word (分所,
    单位 …) is no qualifier: it may end the last subject."""
    kept: Kept = None
    for reading, tail in list(readings.items()):
        for longer in row.tails:
            if _keeps_qualifier(index, row, tail, longer):
                readings.pop(reading, None)
                kept = (longer[: len(longer) - len(tail)], longer)
                break
    return readings, kept if len(readings) == 1 else None


def _keeps_qualifier(index: NameIndex, row: _Row, shorter: str, longer: str) -> bool:
    """Whether the words `longer` writes before `shorter` qualify the tail: no subject word,
    and every other item, read at the longer tail, is a record of the index or of one beside
    it (the catalogue, the lists, their 主项) with those words as a qualifier inserted
    (inserted_qualifier) in its name read at the shorter tail."""
    m, w = index.mapping, index.mapping.wording
    qualifier = longer[: len(longer) - len(shorter)]
    if not qualifier or not longer.endswith(shorter):
        return False
    if any(s in qualifier for s in (*w.subject_words, *w.generic_subjects)):
        return False
    indexes = (index, *index.beside, *index.names_beside)
    at_longer, at_shorter = (row.cuts[row.tails.index(t)][: row.heads] for t in (longer, shorter))
    for (alone, prefixed), (bare, _) in zip(at_longer, at_shorter, strict=True):
        held = [n for n in (alone, *prefixed) if any(n[0] in i.by_key for i in indexes)]
        if len(held) != 1 or not inserted_qualifier(held[0][0], bare[0], w, m.fuzzy_filler):
            return False
    return True


def _item_name(index: NameIndex, item: RowItem) -> RowName | None:
    """An item's name in the index: with the one prefix of the first item that makes it a
    name (报告表审批 is none; 建设项目环境影响报告表审批 is), else as written. The prefix is
    carried as the tail is: 国家重点保护水生、陆生野生动物人工繁育许可证核发 names the
    国家重点保护 陆生 one even where a bare 陆生野生动物人工繁育许可证核发 (another matter, not
    nationally protected) is a name too."""
    alone, prefixed = item
    held = {n[0]: n for n in prefixed if n[0] in index.by_key and n[0] != alone[0]}
    if len(held) == 1:
        return next(iter(held.values()))
    return alone if alone[0] in index.by_key else None


Groups = tuple[tuple[str, ...], ...]  # the contrast groups, hashable (_rows_read is cached)


def _groups(mapping: Mapping) -> Groups:
    """The mapping's contrast groups as a key of _rows_read's cache."""
    return tuple(tuple(g) for g in mapping.contrast_groups)


@lru_cache(maxsize=1 << 12)
def _rows_read(
    name: str, wording: Wording, level_qualifiers: str, groups: Groups = ()
) -> tuple[_Row, ...]:
    """Every reading of a row name as several names, worked out once per name (each index is
    asked): its items split at 、, or else at one conjunction (和, 及, 与), as written and
    without a wrapping 对…的 (对外资银行、外资保险公司设立的审批). `groups`: the contrast groups
    whose parallel words show the first item's prefix qualifies a later one (_parallel)."""
    text = _NOTES_OUT.sub("", simplify(name))
    rows = []
    forms = (text, _unwrapped(text, wording), _acts_without_de(text, wording))
    for form in dict.fromkeys(forms):
        if "、" in form:
            rows.append(_row(form.split("、"), False, wording, level_qualifiers, groups))
            continue
        for at, char in enumerate(form):
            if char in _JOINS and 0 < at < len(form) - 1:
                pair = [form[:at], form[at + 1 :]]
                rows.append(_row(pair, True, wording, level_qualifiers, groups))
    return tuple(r for r in rows if r is not None)


def _unwrapped(text: str, wording: Wording) -> str:
    """A name 对X的Y, Y an act word, as XY; any other as it is."""
    at, acts = text.rfind("的"), (*wording.act_words, *wording.licence_words)
    if text.startswith("对") and at > 1 and text[at + 1 :] in acts:
        return text[1:at] + text[at + 1 :]
    return text


@lru_cache(maxsize=16)
def _de_before_act(wording: Wording) -> re.Pattern[str]:
    acts = sorted({*wording.act_words, *wording.licence_words}, key=len, reverse=True)
    return re.compile(f"的(?=(?:{'|'.join(map(re.escape, acts))})(?:、|$))")


def _acts_without_de(text: str, wording: Wording) -> str:
    """The row with the 的 before each item's closing act word left out, and the 对 opening
    it (not one opening a word: 对外), as older decisions write every item (对)…的审批
    (民办学校设立的审批、章程修改的核准: 民办学校设立审批, 章程修改核准)."""
    if "、" not in text:
        return text
    bare = _de_before_act(wording).sub("", text)
    if bare != text and text.startswith("对") and not text.startswith(wording.preposition_words):
        return bare[1:]
    return bare


def _row(
    items: list[str], joined: bool, wording: Wording, lq: str, groups: Groups = ()
) -> _Row | None:
    """The readings of a row of items (see _Row). No item may be an 业务办理项 action (设立、
    变更登记 lists actions, read by the action rules), and the last item's subject holds
    none: the action is the tail's (社会团体、民办非企业单位变更登记 names 社会团体变更登记,
    never 社会团体登记)."""
    if not 2 <= len(items) <= MAX_LISTED_SUBJECTS or not all(items):
        return None
    actions = {spelling for spelling, _ in wording.actions}
    *heads, last = items
    if any(h in actions for h in heads):
        return None
    first = heads[0]
    cuts, tails = [], []
    for cut in range(1, len(last) + 1):
        subject, tail = last[:cut], last[cut:]
        if len(tail) == 1 or (tail and actions_in(subject, wording)[0]):
            continue
        named = [_named(s, tail, first if i else "", lq, groups) for i, s in enumerate(heads)]
        for chosen in _selections([*heads, subject]):
            if len(chosen) > 1:
                named.append(_named("、".join(chosen), tail, "", lq))
        cuts.append(tuple(named))
        tails.append(tail)
    last_named = _named(last, "", first, lq, groups)
    return _Row(tuple(cuts), last_named, joined, tuple(tails), len(heads))


def _named(subject: str, tail: str, first: str, lq: str, groups: Groups = ()) -> RowItem:
    """An item's name (its subject and the row's tail) as written, and with each prefix of
    the first item (`first`) carried onto it; only with the prefix the parallel words show
    it shares (_parallel: 国家重点保护水生、陆生… names 国家重点保护陆生…, never the bare
    陆生…), read as written then."""
    name = subject + tail
    shared = _parallel(first, subject, groups)
    if shared:
        return (name_key(shared + name, lq), shared + name, shared), ()
    prefixes = (first[:at] for at in range(_MIN_PREFIX, len(first)))
    return (name_key(name, lq), name, ""), tuple(
        (name_key(p + name, lq), p + name, p) for p in prefixes
    )


def _parallel(first: str, subject: str, groups: Groups) -> str:
    """The prefix of the first item a later item shares, shown by the words after it: the
    first item goes on, after the prefix (two characters at least), with a word of a contrast
    group (水生, 批发, 报告书, 合资, 生产) and the later item opens with another word of that
    group (陆生, 零售, 报告表, 合作, 经营): parallel kinds the prefix qualifies alike. "" where
    none does (普通中小学、幼儿园: 中小学 and 幼儿园 are no such pair)."""
    for group in groups:
        opens = next((w for w in group if subject.startswith(w)), "")
        if not opens:
            continue
        for at in range(_MIN_PREFIX, len(first)):
            if any(first.startswith(w, at) for w in group if w != opens):
                return first[:at]
    return ""


def _selections(subjects: list[str]) -> Iterator[list[str]]:
    """Every non-empty selection of the subjects short of all of them, in their order."""
    for mask in range(1, (1 << len(subjects)) - 1):
        yield [s for i, s in enumerate(subjects) if mask >> i & 1]


# How a 基本编码 written otherwise was read (code_tier's readings), for the evidence; a whole
# 实施编码's is followed by the layout's name.
_READ_AS = {
    HYPHENS: "hyphens ignored",
    LAYOUT: "a whole 实施编码, read by layout",
    DECIMALS: "a number's decimals dropped",
    DECIMALS_ZEROS: "a number's decimals dropped, leading zeros lost",
}


def _code_match(item: ListItem, matter: Matter, mapping: Mapping, read: int = 0) -> Match:
    """The code tier's Match: the 基本编码, where it came from (or how it was read: `read`,
    one of code_tier's readings), and a note when the names differ."""
    how = (
        "given in the list"
        if item.basic_code_origin == "given"
        else f"read from 实施编码 by layout {item.basic_code_origin.split(':', 1)[-1]}"
    )
    score = float(
        fuzz.ratio(
            name_key(item.name, mapping.level_qualifiers),
            name_key(matter.name, mapping.level_qualifiers),
        )
    )
    note = "" if score >= 80 else f"; names differ (similarity {score:.0f})"
    if read:
        fix = _READ_AS.get(read, "leading zeros lost")
        if read == LAYOUT:
            fix = f"{fix} {mapping.derive_basic_code(item.basic_code)[1]}"
        return Match(
            "code",
            100.0,
            ("基本编码",),
            f"基本编码 {item.basic_code} read as {matter.basic_code}: {fix}; "
            f"it is catalogue matter {matter.name}{note}",
        )
    if item.basic_code != matter.basic_code and matter.parent_code == item.basic_code:
        return Match(
            "code",
            100.0,
            ("基本编码",),
            f"基本编码 {item.basic_code} ({how}) is the 主项 of catalogue matter "
            f"{matter.basic_code} {matter.name}; the 子项 '{item.name}' under it is that matter",
        )
    return Match(
        "code",
        100.0,
        ("基本编码",),
        f"基本编码 {item.basic_code} ({how}) is catalogue matter {matter.name}{note}",
    )


@dataclass(frozen=True)
class Family:
    """Records under one 主项 code with one stem: 业务办理项 of one matter (kind 6, docs)."""

    main_code: str
    stem: str
    members: tuple[str, ...]  # graph nodes


def code_families(
    records: Iterable[tuple[str, str, str, str]],
    mapping: Mapping,
    stated: Container[str] = frozenset(),
    mains_wanted: Container[str] | None = None,
) -> dict[str, Family]:
    """node -> its Family, for (node, scope, basic code, name) records; scope keeps lists apart
    (each list file is one publisher's). Only families of two or more are kept. A record whose
    code is in `stated` (the catalogue gives its place by 主项编码) is in none. With
    `mains_wanted`, only the families of those 主项 codes (the others' names are not read)."""
    groups: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    mains: dict[str, str] = {}  # a province repeats each code and name in hundreds of agencies:
    stems: dict[str, str] = {}  # each is read once
    for node, scope, basic_code, name in records:
        main = mains.get(basic_code)
        if main is None:
            main = mains[basic_code] = (
                mapping.main_code(basic_code) if basic_code and basic_code not in stated else ""
            )
        if main and (mains_wanted is None or main in mains_wanted):
            stem = stems.get(name)
            if stem is None:
                key = name_key(name, mapping.level_qualifiers)
                stem = stems[name] = parts(key, mapping.wording).stem
            groups[(scope, main, stem)].append(node)
    families: dict[str, Family] = {}
    for (_, main, stem), nodes in groups.items():
        if len(nodes) > 1:
            family = Family(main, stem, tuple(nodes))  # one object its members share
            families.update(dict.fromkeys(nodes, family))
    return families


@dataclass(frozen=True)
class Nearest:
    """What to show beside an unmatched list item: the closest catalogue name, or, for an item
    whose 基本编码 is not in the catalogue, the matter its name would match (the suggested fix)."""

    entry: NameEntry
    score: float
    contrast: str = ""
    match: Match | None = None  # the name or fuzzy match a code problem held back
    # the catalogue's variants of the matter the item names whole (NameIndex.variants_of_whole)
    variants: tuple[NameEntry, ...] = ()
    # matters of different names the item matches equally, none singled out (by_department)
    ambiguous: tuple[NameEntry, ...] = ()
    # catalogue siblings doing the item's act in other words, two or more (NameIndex.act_doers)
    acting: tuple[NameEntry, ...] = ()
    # the catalogue matters of each subject the item's name lists (普通中小学、幼儿园章程核准)
    subjects: tuple[NameEntry, ...] = ()
    # why the weighed tier did not take the closest name no contrast rules out (shortfall)
    short: str = ""


def code_schemes(
    items: list[ListItem], catalogue_codes: set[str], code_read: list[int] | None = None
) -> dict[str, dict[str, Any]]:
    """Per list file: does it use the catalogue's code scheme? It does when most of its items
    that carry a 基本编码 carry one the catalogue has, as written or read otherwise (`code_read`,
    per item, from code_tier.code_tier_read: non-zero for a code written otherwise, with its
    hyphens or its lost leading zeros); then codes are the authority and an unknown 基本编码 is
    a code problem, not a name to match. A list coded in another scheme (local codes against
    the national catalogue) is matched by name. A file none of whose codes the catalogue has,
    as written or read otherwise, is judged on the file itself whatever its size: in another
    scheme where its codes do not look like the catalogue's (a township's five local codes
    ZT-XK-0001 …: the county's list beside it says nothing of them), in the catalogue's where
    most of them do (_code_shape: the length and leading characters of most catalogue codes,
    letters where theirs are: stale or mistyped catalogue codes are code problems); one whose
    every code it has is in the catalogue's. A file with fewer than MIN_SCHEME_SAMPLE coded
    items that splits is too small to tell: all lists of the run decide for it."""
    counts: dict[str, list[int]] = {}
    shapes = _catalogue_shapes(catalogue_codes)
    for n, item in enumerate(items):
        c = counts.setdefault(item.ref.file, [0, 0, 0, 0])
        if item.basic_code:
            c[0] += 1
            if item.basic_code in catalogue_codes:
                c[1] += 1
            elif code_read and code_read[n]:
                c[2] += 1
            elif _code_shape(item.basic_code) in shapes:
                c[3] += 1
    all_coded = sum(c[0] for c in counts.values())
    all_found = sum(c[1] + c[2] for c in counts.values())
    out = {}
    for file, (coded, found, otherwise, shaped) in counts.items():
        own = coded >= MIN_SCHEME_SAMPLE or (coded > 0 and found + otherwise in (0, coded))
        judged = (coded, found + otherwise) if own else (all_coded, all_found)
        if coded and not found + otherwise and shaped * 2 > coded:
            judged = (coded, shaped)  # the catalogue's codes, none of them in it: code problems
        out[file] = {
            "items_with_basic_code": coded,
            "found_in_catalogue": found,
            "found_written_otherwise": otherwise,
            "scheme": "catalogue" if judged[0] and judged[1] * 2 > judged[0] else "other",
            "judged_on": "file" if own else "all lists",
        }
    return out


def _code_shape(code: str) -> tuple[int, str, tuple[int, ...]]:
    """What a code's layout says: its length, its first two characters (the province, or the
    national catalogue's 00) and where it holds letters (511A…: the 事项类型 letter)."""
    return len(code), code[:2], tuple(i for i, ch in enumerate(code) if not ch.isdigit())


def _catalogue_shapes(codes: set[str]) -> set[tuple[int, str, tuple[int, ...]]]:
    """The layouts (_code_shape) of most catalogue codes: each held by at least a quarter of
    them and by at least MIN_SCHEME_SAMPLE codes. A shape a handful of codes hold is no
    layout (in a catalogue of one matter its one code's shape is "most"): a list's codes of
    that shape say nothing of its scheme."""
    counted = Counter(_code_shape(c) for c in codes)
    return {shape for shape, n in counted.items() if n * 4 >= len(codes) and n >= MIN_SCHEME_SAMPLE}


def _agency_scope(item: ListItem) -> str:
    """One agency of one list: where a matter is implemented once."""
    return _scope(item.ref.file, item.area_code, item.agency)


def _scope(file: str, area_code: str, agency: str) -> str:
    return f"{file}|{area_code}|{agency}"


class AgencyMatters:
    """NameIndex.taken of the catalogue: the (agency scope, matter node) pairs of the items the
    code tier matched, kept as scope -> matter nodes: a province's half a million pairs go
    into a few thousand small sets, not one set of half a million tuples."""

    def __init__(self, by_agency: dict[tuple[str, str, str], set[str]]) -> None:
        """`by_agency`: (file, area code, agency) -> matter nodes; two agencies whose scope
        texts are one (_agency_scope) are one scope, as in a set of pairs."""
        self.by_scope: dict[str, set[str]] = {}
        for agency, nodes in by_agency.items():
            self.by_scope.setdefault(_scope(*agency), set()).update(nodes)

    def __contains__(self, pair: object) -> bool:
        scope, node = pair  # type: ignore[misc]
        return node in self.by_scope.get(scope, ())

    def pairs(self) -> set[tuple[str, str]]:
        return {(scope, node) for scope, nodes in self.by_scope.items() for node in nodes}


def match_items_to_catalogue(
    items: list[ListItem],
    matters: list[Matter],
    catalogue: NameIndex,
    confirmed: dict[str, tuple[str, str]] | None = None,
    denied: dict[str, set[str]] | None = None,
    code_tier: list[int] | None = None,
    codes_decide: set[str] | frozenset[str] = frozenset(),
    code_read: list[int] | None = None,
    prefixes: dict[str, tuple[Prefix, ...]] | None = None,
) -> tuple[dict[str, tuple[Matter, Match]], dict[str, Nearest | None]]:
    """(item node -> (matter, Match), item node -> what to show beside the unmatched).

    `confirmed` (item node -> (matter node, evidence)) and `denied` (item node -> matter nodes)
    carry reviewers' judgements: a confirmed pair is tier `reviewed`, a denied one never matches.
    `code_tier` (per item, the position of its matter in `matters`, or -1): the code tier as an
    engine ran it (code_tier.code_tier_read, on DuckDB when not given). In the files of
    `codes_decide` (code_schemes: the catalogue's scheme) an item carrying a 基本编码 the
    catalogue lacks is not matched by name: its name match is only the suggested fix.
    `code_read` (per item, code_tier.code_tier_read's reading, given with `code_tier`): a
    code-tier match through a 基本编码 written otherwise (hyphens, lost leading zeros) is kept
    in those files, its evidence saying how the code was read (a spreadsheet drops the zeros of
    a code it took for a number: the item implements the matter all the same); elsewhere it is
    not taken (the item goes to the name tier, as a code the catalogue lacks does there).
    `prefixes` (item_prefixes, worked out here when not given): the place or agency a list
    writes in front of an item's name, set aside when the name as written matches nothing.

    Each item gets the first of: its reviewed pair, its code-tier matter, a name match. One
    pass reads every item once (a province's half a million, nearly all matched by code); the
    name tier, which reads the agencies' code matches, then takes the few it left.
    """
    confirmed = confirmed or {}
    denied = denied or {}
    if code_tier is None:
        code_tier, code_read = code_tier_read(
            items, matters, denied, derive=catalogue.mapping.derive_basic_code
        )
    code_tier, held = _written_otherwise(
        items, matters, catalogue, code_tier, code_read, codes_decide, confirmed
    )
    code_tier = _sub_items_by_code(
        items, matters, code_tier, code_read, catalogue.mapping, catalogue.under_main
    )
    if prefixes is None:
        prefixes = item_prefixes(items, catalogue.mapping)
    by_node = {m.node: m for m in matters}
    # One pass over the items in their order: the reviewed and the code tier's matches, each
    # item's place in `matched` (None for an item left to the name tier) and the agencies'
    # code matches (NameIndex.taken, which the name tier reads); then the name tier.
    matched: dict[str, tuple[Matter, Match] | None] = {}
    taken: dict[tuple[str, str, str], set[str]] = {}  # (file, area code, agency) -> matters
    code_matches: dict[tuple[str, str, str], Match] = {}
    by_name: list[ListItem] = []
    for item, position in zip(items, code_tier, strict=True):
        if position >= 0:
            matter = matters[position]
            agency = (item.ref.file, item.area_code, item.agency)
            nodes = taken.get(agency)
            if nodes is None:
                nodes = taken[agency] = set()
            nodes.add(matter.node)
        if confirmed and item.node in confirmed and confirmed[item.node][0] in by_node:
            target, why = confirmed[item.node]
            matched[item.node] = (by_node[target], Match("reviewed", 100.0, ("审核",), why))
        elif held and item.node in held:
            matched[item.node] = None  # a code problem: its place held for nothing
        elif position >= 0:
            # Agencies repeat code, origin and name: one Match (immutable) serves them all.
            key = (item.basic_code, item.basic_code_origin, item.name)
            match = code_matches.get(key)
            if match is None:
                match = code_matches[key] = _code_match(item, matter, catalogue.mapping)
            matched[item.node] = (matter, match)
        else:
            matched[item.node] = None
            by_name.append(item)
    catalogue.taken = AgencyMatters(taken)
    if len(matched) != len(items):  # items sharing a node: the order of the rows decides
        return _match_row_by_row(
            items, matters, catalogue, confirmed, denied, code_tier, codes_decide, held, prefixes
        )
    nearest: dict[str, Nearest | None] = {}
    for node, near in held.items():
        matched[node] = (by_node[near.entry.id], near.match)  # type: ignore[arg-type]
    tier = _NameTier(catalogue, denied, by_node, codes_decide, prefixes)
    for item, found in zip(by_name, _name_tier_on_two_cores(tier, by_name), strict=True):
        if isinstance(found, tuple):
            matched[item.node] = found
        else:
            del matched[item.node]  # its place held for nothing
            nearest[item.node] = found
    return matched, nearest  # type: ignore[return-value]  # no None is left


def _sub_items_by_code(
    items: list[ListItem],
    matters: list[Matter],
    code_tier: list[int],
    code_read: list[int] | None,
    mapping: Mapping,
    known: dict[str, str] | None = None,
) -> list[int]:
    """The code tier's positions, an item carrying its 主项's 基本编码 in a 子项 column naming
    no matter of its own (变更 under 食品经营许可) moved to the catalogue 子项 of that 主项 it
    names (食品经营许可（变更）, catalogue_names), where exactly one is: the code says which
    matter, the 子项 column which of its 业务办理项; a decision on the 子项 reaches the item.
    Lists without a 子项 column (no item with a 主项名称) are not read. `known`: the
    catalogue_names of `matters`, worked out here when not given."""
    if not any(i.parent_name for i in items):
        return code_tier
    if known is None:
        known = catalogue_names(matters, mapping.wording)
    subs: dict[tuple[str, str], int] = {}
    for n, m in enumerate(matters):
        if m.parent_code:
            key = (m.parent_code, name_key(known.get(m.node, m.name), mapping.level_qualifiers))
            subs[key] = -1 if key in subs else n  # two 子项 of one reading: neither
    if not subs:
        return code_tier
    positions = list(code_tier)
    # agencies repeat name, 主项 name and code: each distinct triple is read once
    moved: dict[tuple[str, str, int], int] = {}
    for n, item in enumerate(items):
        position = positions[n]
        if position < 0 or not item.parent_name or (code_read and code_read[n]):
            continue
        same = (item.name, item.parent_name, position)
        to = moved.get(same)
        if to is None:
            to = moved[same] = _sub_item_position(item, matters, position, subs, mapping)
        positions[n] = to
    return positions


def _sub_item_position(
    item: ListItem, matters: list[Matter], position: int, subs: dict[tuple[str, str], int],
    mapping: Mapping,
) -> int:  # fmt: skip
    """_sub_items_by_code's position of one item coded as matters[position]."""
    main = matters[position]
    if not item.parent_name:
        return position
    note = note_under_main(item.name, item.parent_name, mapping.wording)
    named = read_under_main(note, main.name, mapping.wording) if note else item.name
    sub = subs.get((main.basic_code, name_key(named, mapping.level_qualifiers)), -1)
    return sub if sub >= 0 else position


def _written_otherwise(
    items: list[ListItem],
    matters: list[Matter],
    catalogue: NameIndex,
    code_tier: list[int],
    code_read: list[int] | None,
    codes_decide: set[str] | frozenset[str],
    confirmed: dict[str, tuple[str, str]],
) -> tuple[list[int], dict[str, Nearest]]:
    """The code tier's positions without its matches through a 基本编码 written otherwise, and
    those matches, in the files where codes decide, with their evidence (item node -> Nearest:
    the matter, its code Match saying how the code was read). A reviewed pair is the
    reviewer's. Few or none: the
    positions are copied only when there are."""
    if not code_read or not any(code_read):
        return code_tier, {}
    positions = list(code_tier)
    held: dict[str, Nearest] = {}
    for n, (item, read) in enumerate(zip(items, code_read, strict=True)):
        if not read or positions[n] < 0:
            continue
        matter = matters[positions[n]]
        positions[n] = -1
        if item.ref.file in codes_decide and item.node not in confirmed:
            query = entry(matter.node, matter.name, catalogue.mapping, task_type=matter.task_type)
            match = _code_match(item, matter, catalogue.mapping, read)
            held[item.node] = Nearest(query, 100.0, "", match)
    return positions, held


# An item's name-tier answer as it crosses from a forked process: ("matched", matter node,
# Match), ("nearest", entry id, score, contrast, Match or None) or None. Matters and entries
# travel by id: the other process has its own copies of them.
_Sent = tuple[Any, ...] | None
_TWO_CORES_FROM = 4_000  # items for the name tier: fewer are not worth a fork (tens of ms)


def _name_tier_on_two_cores(
    tier: _NameTier, items: list[ListItem]
) -> list[tuple[Matter, Match] | Nearest | None]:
    """tier.of for each item, the second half in a forked child (beside.Beside) while this
    process does the first. The name tier is per item once the agencies' code matches are
    known (they are: NameIndex.taken is set before), so the halves are independent; at
    500,000 items it is the ~23,000 items without a code match, a third of "match lists",
    with the second core otherwise idle (1.0 s off the stage, measured)."""
    if len(items) < _TWO_CORES_FROM:
        return list(map(tier.of, items))
    half = len(items) // 2
    child = Beside(_name_tier_sent, tier, items[half:], fork=True)
    try:
        first = list(map(tier.of, items[:half]))
        entries = {e.id: e for group in tier.catalogue.by_key.values() for e in group}
        return first + [_received(a, tier.by_node, entries) for a in child.result()]
    finally:
        child.close()


def _name_tier_sent(tier: _NameTier, items: list[ListItem]) -> list[_Sent]:
    sent: list[_Sent] = []
    for found in map(tier.of, items):
        if found is None:
            sent.append(None)
        elif isinstance(found, tuple):
            sent.append(("matched", found[0].node, found[1]))
        else:
            groups = (found.variants, found.ambiguous, found.acting)
            ids = tuple(tuple(e.id for e in g) for g in groups)
            sent.append(
                ("nearest", found.entry.id, found.score, found.contrast, found.match, ids)
                + (found.short,)
            )
    return sent


def _received(
    answer: _Sent, by_node: dict[str, Matter], entries: dict[str, NameEntry]
) -> tuple[Matter, Match] | Nearest | None:
    if answer is None:
        return None
    if answer[0] == "matched":
        return by_node[answer[1]], answer[2]
    _, entry_id, score, contrast, match, ids, short = answer
    variants, ambiguous, acting = (tuple(entries[i] for i in g) for g in ids)
    return Nearest(
        entries[entry_id], score, contrast, match, variants, ambiguous, acting, short=short
    )


class _NameTier:
    """The name tier of the items the code tier left: for each its (matter, Match), or what
    to show beside it: the matter its name matches where its code decides (a code problem),
    else the closest name (None when there is none).

    A province lists one name in many agencies. Only NameIndex.weigh reads what differs
    between them (department, legal basis, agency scope): a name match made without weighing
    (`weighed` unchanged) is the same for every item of that name and matter type, and is
    taken from `_known` for the next one; an item with denied matters is matched on its own.
    Which of several matters sharing the name the item implements depends on its agency
    (by_department): it is chosen after `_known`, never remembered with the name."""

    def __init__(
        self,
        catalogue: NameIndex,
        denied: dict[str, set[str]],
        by_node: dict[str, Matter],
        codes_decide: set[str] | frozenset[str],
        prefixes: dict[str, tuple[Prefix, ...]] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.denied = denied
        self.by_node = by_node
        self.codes_decide = codes_decide
        self.queries = _ItemQueries(catalogue.mapping)
        self._known: dict[tuple[str, str], tuple[list[NameEntry], Match] | None] = {}
        # (agency, the group's entry ids) -> by_department(): the choice among matters sharing
        # a name depends on the agency, so it is made after `_known`, once per agency and group
        self._chosen: dict[tuple[str, tuple[str, ...]], tuple[NameEntry | None, str]] = {}
        self._under_main: dict[tuple[str, str], tuple[list[NameEntry], Match] | None] = {}
        self.prefixes: dict[str, tuple[Prefix, ...]] = dict(prefixes or {})
        self._bare: dict[tuple[str, str, str], tuple[list[NameEntry], Match] | None] = {}

    def of(self, item: ListItem) -> tuple[Matter, Match] | Nearest | None:
        catalogue = self.catalogue
        excluded = self.denied.get(item.node, set())
        prefixes = self.prefixes.get(item.node, ()) if self.prefixes else ()
        # a prefix in brackets is no note of the matter: the name is read without it first
        bracketed = bool(prefixes) and prefixes[0].bracketed
        hit = self._without_prefix(item, prefixes, excluded) if bracketed else None
        q = None
        same = (item.name, item.task_type)
        if hit is not None:
            pass
        elif not excluded and same in self._known:
            hit = self._known[same]
        else:
            q = self.queries.of(item)
            before = catalogue.weighed
            hit = match_name(catalogue, q, excluded)
            if not excluded and catalogue.weighed == before:
                self._known[same] = hit
        if hit is None and prefixes and not bracketed:
            hit = self._without_prefix(item, prefixes, excluded)
        sub_item = False
        if hit is None:
            hit = self._under_its_main(item, excluded)
            sub_item = hit is not None
        if hit is None:
            return self._nearest(q or self.queries.of(item), excluded)
        group, match = hit
        if not sub_item:
            variants = self._variants(item, prefixes, group)
            if variants:
                return Nearest(group[0], match.score, variants=tuple(variants))
        if len(group) > 1:
            group, match = self._in_use_first(group, match)
        if len(group) > 1:
            ids = tuple(e.id for e in group)
            chosen = self._chosen.get((item.agency, ids))
            if chosen is None:
                chosen = self._chosen[item.agency, ids] = by_department(group, item.agency)
            taken, why = chosen
            if taken is None:
                return Nearest(group[0], match.score, ambiguous=tuple(group))
            match = replace(match, evidence=f"{match.evidence}; {why}")
        else:
            taken = group[0]
        matter = self.by_node[taken.id]
        if taken.name != matter.name:  # catalogue_names: a 子项 read under its 主项
            why = f"catalogue 子项 '{matter.name}' read under its 主项 as '{taken.name}'"
            match = replace(match, evidence=f"{match.evidence}; {why}")
        if self.codes_decide and item.basic_code and item.ref.file in self.codes_decide:
            return Nearest(taken, match.score, "", match)
        return matter, match

    def _nearest(
        self, q: NameEntry, denied: set[str] | frozenset[str] = frozenset()
    ) -> Nearest | None:
        """What to show beside an item no rule matched: the catalogue matters of the subjects
        its name lists, two or more (it covers them all, and cannot take two), else the
        closest name."""
        listed = _listed_subjects(self.catalogue, q)
        if len(listed) > 1:
            entries = tuple(e for group, _ in listed for e in group)
            return Nearest(entries[0], 95.0, subjects=entries)
        best = self.catalogue.best(q)
        if best is None:
            return None
        entry, score, clash = best
        short = "" if clash else self.catalogue.shortfall(q, entry, score, entry.id in denied)
        return Nearest(entry, score, clash, acting=self.catalogue.act_doers(q), short=short)

    def _variants(
        self, item: ListItem, prefixes: tuple[Prefix, ...], group: list[NameEntry]
    ) -> list[NameEntry]:
        """The catalogue's variants (in use, where some are) of the matter the item names whole
        (NameIndex.variants_of_whole), by its name as written or without its prefix."""
        q = self.queries.of(item)
        found = self.catalogue.variants_of_whole(q, group)
        for prefix in prefixes if not found else ():
            bare = without_prefix(q, prefix, self.catalogue.mapping)
            found = self.catalogue.variants_of_whole(bare, group)
            if found:
                break
        in_use = [e for e in found if self.by_node[e.id].in_use]
        if in_use and len({e.key for e in in_use}) < 2:
            return []  # one variant in use beside withdrawn ones: the item is that one's
        return in_use or found

    def _in_use_first(self, group: list[NameEntry], match: Match) -> tuple[list[NameEntry], Match]:
        """Of catalogue matters matched alike, those in use, where some are and some are not: a
        catalogue keeps a withdrawn version (停用, 已取消) beside the matter that replaced it,
        and an item is the one in use's."""
        in_use = [e for e in group if self.by_node[e.id].in_use]
        if not in_use or len(in_use) == len(group):
            return group, match
        out = len(group) - len(in_use)
        why = f"{out} of the {len(group)} catalogue matters matched not in use, set aside"
        return in_use, replace(match, evidence=f"{match.evidence}; {why}")

    def _without_prefix(
        self, item: ListItem, prefixes: tuple[Prefix, ...], excluded: set[str]
    ) -> tuple[list[NameEntry], Match] | None:
        """An item read without the place or agency its list writes in front of its name
        (西湖区市场监督管理局食品经营许可 is 食品经营许可), each reading of it in turn, longest
        first, the evidence saying what was set aside. Tried after the name as written, unless
        the prefix is in brackets."""
        for prefix in prefixes:
            same = (prefix.text, item.name, item.task_type)
            if not excluded and same in self._bare:
                hit = self._bare[same]
            else:
                before = self.catalogue.weighed
                q = without_prefix(self.queries.of(item), prefix, self.catalogue.mapping)
                hit = match_name(self.catalogue, q, excluded)
                if hit is not None:
                    hit = (hit[0], prefix_said(hit[1], q))
                if not excluded and self.catalogue.weighed == before:
                    self._bare[same] = hit
            if hit is not None:
                return hit
        return None

    def _under_its_main(
        self, item: ListItem, excluded: set[str]
    ) -> tuple[list[NameEntry], Match] | None:
        """A 子项 its name alone does not match, read under its 主项 (the list's own grouping):
        one naming no matter of its own as a note of it (变更 under 食品经营许可 is
        食品经营许可（变更）: _note_under_main, which gives 注销 for 注销登记 under 社会团体登记),
        else one naming a party's part of it as the 主项's name with that subject
        (单位参保登记 under 失业保险参保登记 is 失业保险单位参保登记: subject_under_main)."""
        if not item.parent_name:
            return None
        wording = self.catalogue.mapping.wording
        note = _note_under_main(item, wording)
        if note:
            read = read_under_main(note, item.parent_name, wording)
            said = "" if read.startswith(item.parent_name) else read
            return self._as_sub_item(item, read, excluded, said)
        subject = subject_under_main(item.name, item.parent_name, wording)
        if subject:
            return self._as_sub_item(item, subject, excluded, subject)
        tail = tail_under_main(item.name, item.parent_name, wording)
        return self._as_sub_item(item, tail, excluded, tail) if tail else None

    def _as_sub_item(
        self, item: ListItem, name: str, excluded: set[str], said: str
    ) -> tuple[list[NameEntry], Match] | None:
        """The catalogue matter a 子项 read under its 主项 as `name` matches, the evidence
        saying so (and `said`, the name read, when it is no note of the 主项). Tried only
        after the name alone, so a 子项 the catalogue lists by its own name is matched to it."""
        same = (name, item.task_type)
        if not excluded and same in self._under_main:
            return self._under_main[same]
        before = self.catalogue.weighed
        hit = match_name(self.catalogue, self.queries.of(item, name), excluded)
        if hit is not None:
            why = f"the 子项 '{item.name}' read under its 主项 '{item.parent_name}'"
            why += f" as '{said}'" if said else ""
            hit = (hit[0], replace(hit[1], evidence=f"{hit[1].evidence}; {why}"))
        if not excluded and self.catalogue.weighed == before:
            self._under_main[same] = hit
        return hit


# Words a matter's name ends with (its kind of act, or that a licence is granted): a 子项 ending
# so names a matter of its own (乡村建设规划许可), not a 业务办理项 of its 主项 (变更, 划拨用地).
_MATTER_ENDINGS = (
    *("许可", "审批", "登记", "备案", "核准", "认定", "确认", "审查", "审核", "核发", "发放"),
    *("证", "资格", "处罚", "征收", "给付", "奖励", "裁决", "检查", "服务"),
)


def _note_under_main(item: ListItem, wording: Wording) -> str:
    """note_under_main of a list item's 子项 name under its 主项 name."""
    return note_under_main(item.name, item.parent_name, wording)


def item_name_read(item: ListItem, wording: Wording) -> str:
    """A list item's name as decisions and code checks read it: a 子项 named by actions alone
    read under its 主项 (注销 under 药品零售企业经营许可 is 药品零售企业经营许可（注销）), as
    catalogue_names reads the catalogue's; else as written (食品小作坊备案变更 under
    对食品小作坊、小经营店进行备案 names its matter itself). Read alone, every 主项's 注销 would
    be one name."""
    if not item.parent_name:
        return item.name
    note = note_under_main(item.name, item.parent_name, wording)
    if note and (note != item.name or _actions_only(note, wording)):
        return read_under_main(note, item.parent_name, wording)
    return item.name


def decision_name_read(item: ListItem, wording: Wording) -> str:
    """item_name_read, and a 子项 naming a subject under its 主项 read with it
    (subject_under_main: 单位参保登记 under 失业保险参保登记 is 失业保险单位参保登记), the name
    decisions reach a list item by beside its own: a decision names the subject with the matter."""
    read = item_name_read(item, wording)
    if read != item.name or not item.parent_name:
        return read
    main = item.parent_name
    return (
        subject_under_main(item.name, main, wording)
        or tail_under_main(item.name, main, wording)
        or item.name
    )


@lru_cache(maxsize=1 << 14)
def subject_under_main(sub: str, main: str, wording: Wording) -> str:
    """A 子项 repeating the tail of its 主项's name (参保登记 of 失业保险参保登记, a word and the
    act word at least) after a subject the 主项 lacks (generic_subjects: 单位, 个人 …) read as the
    主项's name with the subject in front of that tail (失业保险单位参保登记), or "": the 子项
    names that party's part of the 主项's matter. Neither side may carry a note."""
    key, main_key = name_key(sub), name_key(main)
    core, main_core = name_core(key), name_core(main_key)
    subjects = wording.generic_subjects
    subject = next((s for s in subjects if core.startswith(s)), "")
    tail = core[len(subject) :]
    if not subject or key != core or main_key != main_core or any(s in main_core for s in subjects):
        return ""
    if tail in _MATTER_ENDINGS or not tail.endswith(_MATTER_ENDINGS):
        return ""
    if tail == main_core or not main_core.endswith(tail):
        return ""
    return f"{main_core[: -len(tail)]}{subject}{tail}"


@lru_cache(maxsize=1 << 14)
def tail_under_main(sub: str, main: str, wording: Wording) -> str:
    """A 子项 that is the tail of its 主项's name (从业资格证 of 道路运输从业人员从业资格证, a word
    and the act or certificate word at least) followed by actions alone or a way of issuing
    (换证, 补证, 注销; 核发) read as the 主项's whole name with them
    (道路运输从业人员从业资格证换证), or "": the 子项 is that 业务办理项 of the 主项's matter,
    written short. Neither side may carry a note; a 子项 whose words before the actions are no
    tail of the 主项 (乡村建设规划许可证核发 under 建设用地规划许可证) names a matter of its own."""
    key, main_key = name_key(sub), name_key(main)
    core, main_core = name_core(key), name_core(main_key)
    if key != core or main_key != main_core or main_core in core:
        return ""
    for cut in range(len(core) - 1, 0, -1):
        tail, acts = core[:cut], core[cut:]
        if tail in _MATTER_ENDINGS or not tail.endswith(_MATTER_ENDINGS):
            continue
        if tail == main_core or not main_core.endswith(tail):
            continue
        if _actions_only(acts, wording) or acts in wording.grant_verbs:
            return f"{main_core}{acts}"
    return ""


@lru_cache(maxsize=1 << 14)
def note_under_main(sub: str, main: str, wording: Wording) -> str:
    """The note a 子项 whose name names no matter of its own reads as under its 主项 (of another
    name), or "" for a 子项 that names one. A 子项 ending in no word of a kind of act or of a
    grant (变更, 划拨用地) is that note as written. One made of actions and the act its 主项
    ends in (注销登记, 设立登记 under 社会团体登记; 延续登记 under 采矿权登记) names that act
    of the 主项's matter: the note is its actions (注销: 社会团体登记（注销）). Words before
    the act that are no action (乡村建设规划许可 under 建设用地规划许可证核发), or another act
    than the 主项's (变更备案 under 社会团体登记), name a matter of its own, as does one holding
    its 主项's whole name (特殊建设工程消防验收 under 建设工程消防验收)."""
    if not main or sub == main:
        return ""
    core, main_core = name_core(name_key(sub)), name_core(name_key(main))
    if main_core in core:  # 特殊建设工程消防验收 under 建设工程消防验收
        return ""
    if not core.endswith(_MATTER_ENDINGS):
        return sub
    acts, rest = actions_in(core, wording)
    if acts and rest in _MATTER_ENDINGS and main_core.endswith(rest):
        return core[: -len(rest)]
    return ""


def read_under_main(note: str, main: str, wording: Wording) -> str:
    """The name a 子项 read under its 主项 as `note` (note_under_main) is read by: the 主项's
    name with the note (变更 under 食品经营许可 is 食品经营许可（变更）); but where the 主项's
    name lists its actions (社会团体成立、变更、注销登记) and the note names some of them alone,
    the 主项's matter with those actions in place of the list (变更 or 变更登记 under it is
    社会团体变更登记): that one 业务办理项, not the whole whose list holds the others too."""
    listed = _listed_actions(main, wording)
    acts, rest = actions_in(name_core(name_key(note)), wording)
    if not acts or rest or not acts < listed[0]:
        return f"{main}（{note}）"
    stem = listed[1]
    end = max((e for e in _MATTER_ENDINGS if stem.endswith(e)), key=len, default="")
    return f"{stem[: len(stem) - len(end)]}{note}{end}"


def _listed_actions(main: str, wording: Wording) -> tuple[frozenset[str], str]:
    """The actions a 主项's name lists (lists_actions) and its stem without them
    (社会团体成立、变更、注销登记: 设立, 变更, 注销; 社会团体登记); none where it lists none or
    its stem names no kind of act to put the note before."""
    if not lists_actions(main, wording):
        return frozenset(), ""
    acts, rest = actions_in(name_core(name_key(main)), wording)
    if len(acts) < 2 or not rest.endswith(_MATTER_ENDINGS) or rest in _MATTER_ENDINGS:
        return frozenset(), ""
    return acts, rest


def catalogue_names(matters: Iterable[Matter], wording: Wording) -> dict[str, str]:
    """Matter node -> the name a catalogue 子项 naming no matter of its own is matched by: its
    主项's name with it as a note (变更 under 食品经营许可 is 食品经营许可（变更）), the 主项 found
    by its 主项名称 or 主项编码. Catalogues list such 子项 by their action alone; read alone,
    every 主项's 变更 would be one name, and a list's 变更 under 药品零售企业经营许可 (or a
    decision on 食品经营许可（变更）) would take any 主项's. Only 子项 named by actions alone,
    or by actions and the 主项's act (注销登记 under 社会团体登记); others keep their names."""
    matters = list(matters)
    by_code = {m.basic_code: m.name for m in matters}
    out: dict[str, str] = {}
    for m in matters:
        main = m.parent_name or by_code.get(m.parent_code, "")
        note = note_under_main(m.name, main, wording) if main else ""
        if note and (note != m.name or _actions_only(note, wording)):
            out[m.node] = read_under_main(note, main, wording)
    return out


def stated_main_items(matters: Iterable[Matter]) -> list[tuple[str, list[str]]]:
    """The 子项 the catalogue itself places under a 主项 (by 主项编码, else 主项名称): the
    主项's node ("" where the catalogue lacks its row) -> its 子项's nodes. Only what the
    catalogue states: a code family is a guess, and would take the 主项's own row for one
    of its 子项 (NameIndex.mark_split_matters)."""
    matters = list(matters)
    by_code = {m.basic_code: m.node for m in matters}
    by_name = {m.name: m.node for m in matters if not m.parent_code and not m.parent_name}
    groups: dict[str, list[str]] = defaultdict(list)
    for m in matters:
        if m.parent_code:
            main = by_code.get(m.parent_code, "")
            groups[main or f"code:{m.parent_code}"].append(m.node)
        elif m.parent_name:
            main = by_name.get(m.parent_name, "")
            groups[main or f"name:{m.parent_name}"].append(m.node)
    return [("" if k.startswith(("code:", "name:")) else k, v) for k, v in groups.items()]


def _actions_only(name: str, wording: Wording) -> bool:
    """Whether a name is made of actions alone (变更, 新办, 信息变更): a catalogue 子项 named
    with more (计量标准变更 under 计量标准器具核准, 划拨用地) names a matter of its own there;
    unlike a list's 子项, no other name of it is tried first."""
    acts, rest = actions_in(name_core(name_key(name)), wording)
    return bool(acts) and not rest


def by_department(group: list[NameEntry], agency: str) -> tuple[NameEntry | None, str]:
    """Which of several catalogue matters a list item's name matches it implements, and why:
    the one whose 主管部门 shares the most department words (department_words: level and
    office words set aside) with the item's 实施主体, when exactly one shares the most; else,
    when none shares any or several share as many, the first of matters sharing one name,
    and none (None) of matters of different names: which one it is, catalogue order cannot
    say. 职工参保登记 of 岳池县医疗保障局 is the 医疗保障部门's matter, not the
    人力资源社会保障部门's, though both say 保障."""
    words = department_words(agency)
    shared = [len(words & department_words(e.department)) for e in group] if words else []
    most = max(shared, default=0)
    # one name, or names that match equally (食品经营许可 against its 子项 （变更）, （注销）)
    named = "named so" if len({e.key for e in group}) == 1 else "matched equally"
    if most and shared.count(most) == 1:
        taken = group[shared.index(most)]
        return taken, (
            f"of the {len(group)} matters {named}, the one of {taken.department}: agency {agency}"
        )
    if named == "named so":
        return group[0], (
            f"{len(group)} catalogue matters share this name, the first ({group[0].name}) taken"
        )
    return None, f"{len(group)} catalogue matters match equally, none singled out"


def _match_row_by_row(
    items: list[ListItem],
    matters: list[Matter],
    catalogue: NameIndex,
    confirmed: dict[str, tuple[str, str]],
    denied: dict[str, set[str]],
    code_tier: list[int],
    codes_decide: set[str] | frozenset[str],
    held: dict[str, Nearest],
    prefixes: dict[str, tuple[Prefix, ...]] | None = None,
) -> tuple[dict[str, tuple[Matter, Match]], dict[str, Nearest | None]]:
    """match_items_to_catalogue item by item, for items that share a node (not in a run, where
    an item's node is its file and row): a later item's match replaces an earlier one's.
    NameIndex.taken is set already."""
    by_node = {m.node: m for m in matters}
    matched: dict[str, tuple[Matter, Match]] = {}
    nearest: dict[str, Nearest | None] = {}
    tier = _NameTier(catalogue, denied, by_node, codes_decide, prefixes)
    for item, position in zip(items, code_tier, strict=True):
        if confirmed and item.node in confirmed and confirmed[item.node][0] in by_node:
            target, why = confirmed[item.node]
            matched[item.node] = (by_node[target], Match("reviewed", 100.0, ("审核",), why))
        elif item.node in held:
            near = held[item.node]
            matched[item.node] = (by_node[near.entry.id], near.match)  # type: ignore[arg-type]
            nearest.pop(item.node, None)
        elif position >= 0:
            matter = matters[position]
            matched[item.node] = (matter, _code_match(item, matter, catalogue.mapping))
        else:
            found = tier.of(item)
            if isinstance(found, tuple):
                matched[item.node] = found
            else:
                nearest[item.node] = found
    return matched, nearest


class _ItemQueries:
    """The query (NameEntry) of a list item looking for its catalogue matter: what entry()
    reads from the name (key, core, parts) read once per distinct name, the rest the item's."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self._read: dict[str, NameEntry] = {}

    def of(self, item: ListItem, name: str = "") -> NameEntry:
        """The item's query, by its name or by `name` (its 子项 read under its 主项)."""
        name = name or item.name
        read = self._read.get(name)
        if read is None:
            read = self._read[name] = entry("", name, self.mapping, implementing=True)
        return NameEntry(
            item.node,
            name,
            read.key,
            read.core,
            task_type=compared_type(item.task_type, self.mapping),
            department=item.agency,
            by_law=item.by_law,
            implementing=True,
            parts=read.parts,
            scope=_agency_scope(item),
        )
