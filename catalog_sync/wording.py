"""What a matter's name says, once the wording that varies between levels is set aside.

A name key (normalise.name_key) is read into `Parts`:

  actions  the 业务办理项 actions it names (设立, 变更, 注销, 延续, 补办 …), from its notes
           （注销） or its text (到期延续), each read as its canonical word: two names with
           different actions are different 业务办理项; a name with none names the whole matter;
  scope    a scope word at its start (国家, 省, 国家和省 …), which local lists add or drop, with
           the level it names (区级 and 县本级 are 县级); words before it that only say whose
           power it is (权限内, 本级, 辖区内) are set aside too;
  stem     what is left once notes, actions, scope words, generic subjects inside it (企业,
           单位: 棉花加工企业资格认定 has the stem of 棉花加工资格认定) and the words at its end
           that only say a licence is granted (核发, 发放, 办理, 许可证, 许可, 审批, 审核, also
           after 的) are set aside, and a 申请 after an act word or an action (教师资格认定申请,
           （变更申请））, and the words around the act word (行政裁决 is 裁决, 备案管理 备案,
           处理决定 处理, 审批1 审批: _strip_act_tails, _strip_administrative):
           网络预约出租汽车运输证发放（注销）, 网络预约出租汽车运输证核发 and
           网络预约出租汽车运输证发放（新增） share one stem, 某某许可证核发 and 某某审批 another;
  notes    the notes that are neither actions nor inclusive (（限制使用农药）): variants, and
           the stage a name ends with, as if in a note (某某初审 is 某某（初审）);
  dropped  the words set aside, for the evidence ("核发≠发放").

`loose_stem` reads a stem more loosely still (a generic subject at its start, 服务 / 文件 / 相关
inside it, a word written twice): matching takes that reading only where no sibling is named.

A list may write a place or an agency in front of a name (西湖区市场监督管理局食品经营许可,
【区行政审批局】公共场所卫生许可, 广安市广安区…): `set_aside_prefixes` reads which of a list's names
start so, as far as the list's own data (its 实施主体 cells, the names that start alike) bears it
out, and `set_aside` reads the name without it, the last place named standing as its scope word.

The vocabulary comes from the mapping (`wording` in mappings/standard.yaml): observed practice,
not a standard, so a user can extend it. Pure functions; nothing here reads files.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache

from .normalise import name_core, name_key, simplify

MIN_STEM_LENGTH = 2  # a stem shorter than this says too little: the core is kept instead
MIN_GRANT_STEM = 2  # grant wording is not stripped below this (采矿许可 -> 采矿)
_INCLUSIVE = ("含", "包括", "包含")
_ACTION_RUN = re.compile("\0(?:[及和与或并]?\0)*")  # removed actions and the words joining them
_LISTED = re.compile("\0[及和与或、，,/]\0")


@dataclass(frozen=True)
class Wording:
    """The vocabulary of `parts`, from the mapping."""

    actions: tuple[tuple[str, str], ...]  # (spelling, canonical), longest spelling first
    grant_verbs: tuple[str, ...]  # at the end of a name: 核发, 发放, 办理, 审核 …
    licence_words: tuple[str, ...]  # at the end, read as 许可: 许可证, 审批, 审核
    scope_prefixes: tuple[str, ...]  # at the start: 国家和省, 国家, 省 …
    scope_words: tuple[str, ...]  # anywhere: 保护
    subject_words: tuple[str, ...] = ()  # make another subject: 分(公司), 非(营利)
    initial_actions: frozenset[str] = frozenset()  # name the first grant: 设立, 新办, 首次 …
    # acts of action_kinds extending the licence the first grant issued: 延续 (延期, 续期)
    licence_term_acts: frozenset[str] = frozenset()
    synonyms: tuple[tuple[str, str], ...] = ()  # (word, the word it stands for), longest first
    jurisdiction_prefixes: tuple[str, ...] = ()  # at the start, only whose power: 权限内, 本级
    holding_verbs: tuple[str, ...] = ()  # at the start, only that the event is held: 举办
    stage_words: tuple[str, ...] = ()  # at the end, a stage of the matter: 初审, 审核转报
    scope_levels: tuple[tuple[str, str], ...] = ()  # (scope word, the level it names): 区级 -> 县
    act_stage_words: tuple[str, ...] = ()  # stages only after a kind of act: 受理, 代办
    stage_agents: tuple[str, ...] = ()  # after a stage word, name who does it: 代办点, 代办员
    not_agents: tuple[str, ...] = ()  # open with an agent's character, no agent: 人防, 人民
    grade_scales: tuple[tuple[str, ...], ...] = ()  # grades, highest first: 一级, 二级 …
    lowest_grades: tuple[str, ...] = ()  # below every scale: 暂定
    grade_subjects: tuple[str, ...] = ()  # grades are read only in such names: 资质, 资格
    default_qualifiers: tuple[str, ...] = ()  # anywhere, the ordinary case: 普通, 一般
    generic_subjects: tuple[str, ...] = ()  # added without narrowing a matter: 企业, 单位
    generic_words: tuple[str, ...] = ()  # inserted without narrowing a matter: 服务, 文件, 相关
    inner_subjects: tuple[str, ...] = ()  # generic subjects set aside inside a name: 企业, 单位
    business_words: tuple[str, ...] = ()  # generic words set aside at a stem's end too: 业务
    population_words: tuple[str, ...] = ()  # a benefit's population in front: 城市居民, 农村
    money_words: tuple[str, ...] = ()  # a benefit's money at a stem's end: 金 (医疗救助金)
    benefit_ends: tuple[str, ...] = ()  # how a benefit's stem ends: 金, 救助, 保障, 待遇 …
    leading_verbs: tuple[str, ...] = ()  # opening a stem, read at its end: 经营 (经营X业务)
    negations: tuple[str, ...] = ()  # negate what follows: 未, 不, 非, 无
    request_words: tuple[str, ...] = ()  # at the end after an act or action, applied for: 申请
    act_words: tuple[str, ...] = ()  # kinds of act a name ends with: 许可, 认定, 登记 …
    place_suffixes: tuple[tuple[str, str], ...] = ()  # (end of a place, its level): 区 -> 县
    agency_suffixes: tuple[str, ...] = ()  # the end of an agency's name: 局, 委员会, 中心 …
    not_places: tuple[str, ...] = ()  # words overlapping no place: 城市, 保护区, 市场, 县级
    named_place_suffixes: tuple[str, ...] = ()  # places read only where an agency names them: 地区
    place_subjects: tuple[str, ...] = ()  # after a place, make it the subject: 居民, 同胞 …
    plain_agency_suffixes: tuple[str, ...] = ()  # an agency after places needs no list's: 局 …
    place_governments: tuple[str, ...] = ()  # a place's own office after it: 人民政府, 办事处
    level_prefixes: tuple[tuple[str, str], ...] = ()  # (agency kind in front, level): 乡镇 -> 乡
    province_scoped: tuple[str, ...] = ()  # a province before them is the 省 scope: 重点保护
    act_kinds: tuple[tuple[str, str], ...] = ()  # (act word, its kind), longest first: 审批 -> 批准
    action_kinds: tuple[tuple[str, str], ...] = ()  # (action, the act it does): 补领 -> 补办
    part_groups: tuple[tuple[str, ...], ...] = ()  # words naming parts of a matter: 新建, 扩建 …
    # (word, what the name says later): a word opening a name that it says again, 道路 … 道路运输
    repeated_leads: tuple[tuple[str, str], ...] = ()
    # the kinds of act the 行政 事项类型 name, less 行政 (许可, 裁决, 给付 …): task_types
    administrative_acts: tuple[str, ...] = ()
    # (word after an act word at a name's end, the act words it may follow; none: any): 管理, 决定
    act_tails: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (act done to an object, words a list writes around the object): 处罚 (行为, 予以, 进行)
    object_acts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # words opening with 对 that are no preposition (对外贸易, 对台): 对 stays before them
    preposition_words: tuple[str, ...] = ()
    remark_openers: tuple[str, ...] = ()  # a note citing its basis opens so: 依据, 根据, 据
    remark_sources: tuple[str, ...] = ()  # … and names a source: 法, 条例, 办法, 令, 号, 条
    delegation_words: tuple[str, ...] = ()  # a note saying who exercises it: 下放, 委托…实施
    law_titles: tuple[str, ...] = ()  # how a law's title ends: 法, 条例, 办法
    law_title_leads: tuple[str, ...] = ()  # a full title opens so, a short one not: 中华人民共和国
    # who issues a decision that sets up powers (国务院对…的决定): 国务院, 人民政府, 人大常委会
    decision_issuers: tuple[str, ...] = ()

    def __hash__(self) -> int:
        """Hashed once: `parts` is cached on (key, wording) and called for every name of a
        province; hashing the vocabulary's tuples each time cost more than the lookup."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", cached)
        return cached  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the cached hash: another process hashes strings differently."""
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}

    @classmethod
    def from_mapping(cls, data: dict[str, object]) -> Wording:
        """From the mapping's `wording` section (validated by mappings.load_mapping)."""
        actions = [
            (str(spelling), str(canonical))
            for canonical, spellings in dict(data.get("actions", {})).items()  # type: ignore[call-overload]
            for spelling in [canonical, *spellings]
        ]
        return cls(
            actions=tuple(sorted(set(actions), key=lambda a: (-len(a[0]), a[0]))),
            grant_verbs=_longest_first(data.get("grant_verbs", [])),
            licence_words=_longest_first(data.get("licence_words", [])),
            scope_prefixes=_longest_first(data.get("scope_prefixes", [])),
            scope_words=_longest_first(data.get("scope_words", [])),
            subject_words=_longest_first(data.get("subject_words", [])),
            initial_actions=frozenset(str(w) for w in data.get("initial_actions", []) or []),  # type: ignore[attr-defined]
            licence_term_acts=frozenset(
                str(w)
                for w in data.get("licence_term_acts", []) or []  # type: ignore[attr-defined]
            ),
            synonyms=tuple(
                sorted(
                    ((str(k), str(v)) for k, v in dict(data.get("synonyms", {}) or {}).items()),  # type: ignore[call-overload]
                    key=lambda kv: (-len(kv[0]), kv[0]),
                )
            ),
            jurisdiction_prefixes=_longest_first(data.get("jurisdiction_prefixes", [])),
            holding_verbs=_longest_first(data.get("holding_verbs", [])),
            stage_words=_longest_first(data.get("stage_words", [])),
            act_stage_words=_longest_first(data.get("act_stage_words", [])),
            stage_agents=_longest_first(data.get("stage_agents", [])),
            not_agents=_longest_first(data.get("not_agents", [])),
            grade_scales=tuple(
                tuple(str(g) for g in scale)
                for scale in data.get("grade_scales", []) or []  # type: ignore[attr-defined]
            ),
            lowest_grades=_longest_first(data.get("lowest_grades", [])),
            grade_subjects=_longest_first(data.get("grade_subjects", [])),
            default_qualifiers=_longest_first(data.get("default_qualifiers", [])),
            generic_subjects=_longest_first(data.get("generic_subjects", [])),
            generic_words=_longest_first(data.get("generic_words", [])),
            inner_subjects=_longest_first(data.get("inner_subjects", [])),
            business_words=_longest_first(data.get("business_words", [])),
            population_words=_longest_first(data.get("population_words", [])),
            money_words=_longest_first(data.get("money_words", [])),
            benefit_ends=_longest_first(data.get("benefit_ends", [])),
            leading_verbs=_longest_first(data.get("leading_verbs", [])),
            negations=_longest_first(data.get("negations", [])),
            request_words=_longest_first(data.get("request_words", [])),
            act_words=_longest_first(data.get("act_words", [])),
            scope_levels=_longest_keys_first(data.get("scope_levels", {})),
            place_suffixes=_longest_keys_first(data.get("place_suffixes", {})),
            agency_suffixes=_longest_first(data.get("agency_suffixes", [])),
            not_places=_longest_first(data.get("not_places", [])),
            named_place_suffixes=_longest_first(data.get("named_place_suffixes", [])),
            place_subjects=_longest_first(data.get("place_subjects", [])),
            plain_agency_suffixes=_longest_first(data.get("plain_agency_suffixes", [])),
            place_governments=_longest_first(data.get("place_governments", [])),
            level_prefixes=_longest_keys_first(data.get("level_prefixes", {})),
            province_scoped=_longest_first(data.get("province_scoped", [])),
            act_kinds=tuple(
                sorted(
                    {
                        (str(word), str(kind))
                        for kind, words in dict(data.get("act_kinds", {}) or {}).items()  # type: ignore[call-overload]
                        for word in [kind, *(words or [])]
                    },
                    key=lambda kv: (-len(kv[0]), kv[0]),
                )
            ),
            action_kinds=tuple(
                sorted(
                    (str(word), str(kind))
                    for kind, words in dict(data.get("action_kinds", {}) or {}).items()  # type: ignore[call-overload]
                    for word in [kind, *(words or [])]
                )
            ),
            part_groups=tuple(
                tuple(str(w) for w in group)
                for group in data.get("part_groups", []) or []  # type: ignore[attr-defined]
            ),
            repeated_leads=tuple(
                (str(k), str(v))
                for k, v in dict(data.get("repeated_leads", {}) or {}).items()  # type: ignore[call-overload]
            ),
            administrative_acts=_longest_first(data.get("administrative_acts", [])),
            act_tails=tuple(
                (str(tail), _longest_first(after))
                for tail, after in dict(data.get("act_tails", {}) or {}).items()  # type: ignore[call-overload]
            ),
            preposition_words=_longest_first(data.get("preposition_words", [])),
            object_acts=tuple(
                (str(act), _longest_first(words))
                for act, words in dict(data.get("object_acts", {}) or {}).items()  # type: ignore[call-overload]
            ),
            remark_openers=_longest_first(data.get("remark_openers", [])),
            remark_sources=_longest_first(data.get("remark_sources", [])),
            delegation_words=_longest_first(data.get("delegation_words", [])),
            law_titles=_longest_first(data.get("law_titles", [])),
            law_title_leads=_longest_first(data.get("law_title_leads", [])),
            decision_issuers=_longest_first(data.get("decision_issuers", [])),
        )

    def level(self, scope: str) -> str:
        """The level a scope word names (区级 and 县本级: 县; 省级: 省); a word the vocabulary
        does not place (国家和省) is read without its 级."""
        for word, level in self.scope_levels:
            if word == scope:
                return level
        return scope.removesuffix("级")


def _longest_keys_first(pairs: object) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            ((str(k), str(v)) for k, v in dict(pairs or {}).items()),  # type: ignore[call-overload]
            key=lambda kv: (-len(kv[0]), kv[0]),
        )
    )


def _longest_first(words: object) -> tuple[str, ...]:
    return tuple(sorted({str(w) for w in words or []}, key=lambda w: (-len(w), w)))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Parts:
    key: str
    stem: str
    actions: frozenset[str]
    text_actions: frozenset[str]  # the actions named in the name itself, not in a note
    initial: frozenset[str]  # those of its actions that name the first grant (新办, 设立 …)
    listed: bool  # actions joined by 及/和/与/或 (设立及变更): several 业务办理项, not one
    notes: frozenset[str]  # notes that are neither actions nor inclusive (（含…）): variants
    scope: str
    dropped: tuple[str, ...]
    trailing: bool = False  # the name ends with an action of its text (食品经营许可注销)
    level: str = ""  # the level the scope word names (Wording.level): 区级 -> 县
    stage: str = ""  # the stage word the name ends with (初审, 审核转报), also among its notes
    opens: bool = False  # the name opens with a first-grant action (设立煤炭经营企业审批)
    applied: str = ""  # the request word read as the first grant (某某许可申请), also an action
    prefix: str = ""  # the place or agency set aside in front of the name (set_aside)
    remarks: frozenset[str] = frozenset()  # notes citing a basis or a delegation (is_remark)
    bases: frozenset[str] = frozenset()  # the remarks as their bases compare (cited_basis)


def parts(key: str, wording: Wording) -> Parts:
    """A name key read into stem, actions and scope (see the module docstring)."""
    return _parts(key, wording)


@lru_cache(maxsize=1 << 18)
def _parts(key: str, wording: Wording) -> Parts:
    dropped: list[str] = []
    actions: set[str] = set()
    notes: set[str] = set()
    remarks = frozenset(n for n in top_notes(key) if is_remark(n, wording))
    acting = 0  # notes that are an action alone: two of them list the item's actions
    for note in top_notes(key) - remarks:
        found, rest = _actions_in(note, wording)
        actions.update(found)
        acting += bool(found) and (not rest or rest in wording.request_words)
        if found and rest in wording.request_words:
            dropped.append(rest)  # （变更申请） is （变更）
        elif rest and not rest.startswith(_INCLUSIVE):
            notes.add(rest)
    # what a list writes after the act word (审批1, 备案管理, 处理决定) first, then the stage:
    # 受理…申请 around a name says the stage, not the application
    text = _its_actions_aside(
        _object_closed_by_de(name_core(key), wording, dropped), wording, dropped
    )
    text = _strip_act_tails(act_said_once(text, wording), wording, dropped)
    granted = not _ends_unapplied(text, wording)  # a first grant only of what is applied for
    text, stage = _strip_stage(text, wording, dropped)
    text, request, applied = _strip_request(text, wording)
    if stage:
        notes.add(stage)
        dropped.append(stage)
    text = read_synonyms(text, wording, dropped)
    text, province = _strip_inner_province(text, wording, dropped)
    text = _strip_repeated_lead(text, wording, dropped)
    # （变更）（注销） lists its actions as （变更、注销） does: two 业务办理项 in one item
    listed = bool(_LISTED.search(_marked(text, wording))) or (acting > 1 and len(actions) > 1)
    trailing = text.endswith(_spellings(wording))
    opens = granted and text.startswith(_initial_spellings(wording))
    # in a name of a kind no one applies for (…处罚, …检查) 变更, 注销 … say which duty was not
    # done (未办理变更登记的处罚): part of what is punished, no 业务办理项
    in_text, text = _actions_in(text, wording) if granted else (set(), text)
    if applied and not actions and not in_text:
        # 某某许可申请: the application for the matter, its first grant (set aside below as an
        # action); beside another action (采矿权注销登记申请) it only says that one is applied for
        in_text.add(applied)
        trailing = True
    else:
        dropped.extend(request)
        applied = ""
    actions.update(in_text)
    dropped.extend(sorted(in_text))
    text = _strip_administrative(text, wording, dropped)
    text = _object_act_read(text, wording, dropped)
    text = _strip_object_preposition(text, name_core(key), wording, dropped)
    text, grant = _strip_grant(text, wording)
    dropped.extend(grant)
    if grant:  # 某某行政许可证核发: 行政 before the licence word the grant wording ended in
        text = _strip_administrative(text + grant[-1], wording, dropped)[: -len(grant[-1])]
    text, scope = _strip_scope(text, wording, dropped)
    scope = scope or province
    for word in (*wording.scope_words, *wording.default_qualifiers):
        if word in text and len(text) - len(word) >= MIN_STEM_LENGTH:
            text = text.replace(word, "")
            dropped.append(word)
    text = _without_generic_subjects(text, wording, dropped)
    stem = text if len(text) >= MIN_STEM_LENGTH else name_core(key)
    return Parts(
        key,
        stem,
        frozenset(actions),
        frozenset(in_text),
        frozenset(actions) & (wording.initial_actions | set(request)) if granted else frozenset(),
        listed,
        frozenset(notes),
        scope,
        tuple(dropped),
        trailing,
        _PROVINCE if scope and scope == province else wording.level(scope) if scope else "",
        stage,
        opens,
        applied,
        remarks=remarks,
        bases=frozenset(cited_basis(n, wording) for n in remarks),
    )


_STRAY_NUMBER = re.compile(r"(?<![\d.])\d{1,3}$")  # a whole number, not a decimal's end
_ADMINISTRATIVE = "行政"


_ITS = "及其"  # X及其变更: X and its own 变更


def _its_actions_aside(text: str, wording: Wording, dropped: list[str]) -> str:
    """The name without a closing 及其<actions> (种畜禽生产经营许可及其变更, 及其变更、延续): the
    matter and its own 业务办理项, which is the whole matter, every 业务办理项 of it, as the name
    without them says. Only where nothing but action words follow 及其 (典当行及其分支机构 names
    another party)."""
    head, its, tail = text.rpartition(_ITS)
    if not its or len(head) < MIN_STEM_LENGTH:
        return text
    found, rest = _actions_in(tail, wording)
    if not found or rest:
        return text
    dropped.append(its + tail)
    return head


@lru_cache(maxsize=16)
def _act_ends(wording: Wording) -> tuple[str, ...]:
    """The words of a kind of act a name may end with: `act_words` and the kinds the 行政
    事项类型 name (裁决, 给付, 处罚 …), longest first."""
    return _longest_first({*wording.act_words, *wording.administrative_acts})


def act_endings(wording: Wording) -> tuple[str, ...]:
    """The act words a name may end with (审批, 认定, 许可 …), longest first."""
    return _act_ends(wording)


def _strip_act_tails(text: str, wording: Wording, dropped: list[str]) -> str:
    """The text without what a list writes after the act word at its end, each said in
    `dropped` as the act word read without it (审批1→审批): a stray number of a paged export
    (…审批1, …审批 2) after a word a request may follow (_followed: an act, a grant verb, a
    licence word, an action) or a kind a 行政 事项类型 names, and an `act_tails` word after the
    act words it may follow (备案管理 is 备案, 处罚决定 and 处理决定 are 处罚 and 处理). A number
    after any other word (…第1, 1.5吨…) stays: it may be part of the name."""
    number = _STRAY_NUMBER.search(text)
    if number and len(text) - len(number.group()) >= MIN_STEM_LENGTH:
        rest = text[: number.start()]
        word = next((w for w in (*_followed(wording), *_act_ends(wording)) if rest.endswith(w)), "")
        if word:
            dropped.append(f"{word}{number.group()}→{word}")
            text = rest
    for tail, after in wording.act_tails:
        rest = text.removesuffix(tail)
        if rest == text:  # nearly every name: no scan of the act words
            continue
        word = next((w for w in after or _act_ends(wording) if rest.endswith(w)), "")
        if rest != text and word and len(rest) >= MIN_STEM_LENGTH:
            dropped.append(f"{word}{tail}→{word}")
            text = rest
    return text


_ADMINISTRATIVE_TYPE = "行政"  # a 事项类型 行政X names the kind of act X (行政检查: 检查)


def act_changed_by_type(read: Parts, task_type: str, wording: Wording) -> str:
    """The words around the act word set aside from a name (`act_tails`: 登记管理→登记) where the
    record's 事项类型 names another kind of act that no request is made for (行政检查,
    行政处罚, 行政强制 …: a kind the 行政 types name that is no `act_words` word), or "": an
    item 特种设备使用登记管理 typed 行政检查 is the inspection of the registrations, not the
    登记, and no name of the 登记 reaches it but an equal one. A type of a kind applied for
    (行政许可, 行政确认) says nothing of 登记管理; 处罚决定 typed 行政处罚 is that act."""
    if applied_for(task_type, wording):
        return ""
    kind = task_type.removeprefix(_ADMINISTRATIVE_TYPE)
    tails = {tail for tail, _ in wording.act_tails}
    for said in read.dropped:
        before, _, word = said.partition("→")
        tail = before.removeprefix(word)
        if word and word != kind and tail != before and tail in tails:
            return said
    return ""


def applied_for(task_type: str, wording: Wording) -> bool:
    """Is a 事项类型 of a kind someone applies for? All but a 行政 type whose kind is no
    `act_words` word (行政检查, 行政处罚, 行政强制, 行政征收, 行政给付, 行政奖励, 行政裁决): acts
    an authority takes on its own, of which there is no first grant. Untyped counts as
    applied for (nothing says otherwise)."""
    kind = task_type.removeprefix(_ADMINISTRATIVE_TYPE)
    return kind == task_type or kind not in wording.administrative_acts or kind in wording.act_words


def unapplied(core: str, task_type: str, wording: Wording) -> bool:
    """Is a record of a kind no one applies for (applied_for), by its 事项类型 or, untyped as a
    decision row is, by the act its name ends with (…处罚, …检查, …强制)?"""
    if task_type and not applied_for(task_type, wording):
        return True
    return _ends_unapplied(act_wording_aside(core, wording)[0], wording)


def _ends_unapplied(text: str, wording: Wording) -> bool:
    """Does a name end with an act of a kind no one applies for (…处罚, …检查, …强制: see
    applied_for)? Its 设立, 新办 … name what is punished or inspected, no first grant."""
    word = next((w for w in _act_ends(wording) if text.endswith(w)), "")
    return bool(word) and not applied_for(_ADMINISTRATIVE_TYPE + word, wording)


def of_its_kind(read: Parts, task_type: str, wording: Wording) -> Parts:
    """A record's parts read for its 事项类型: of a kind no one applies for (applied_for), no
    action of it names a first grant (…处罚 typed 行政处罚 is no first grant of anything)."""
    if (not read.initial and not read.opens) or applied_for(task_type, wording):
        return read
    return replace(read, initial=frozenset(), opens=False)


def act_wording_aside(core: str, wording: Wording) -> tuple[str, tuple[str, ...]]:
    """A name's core without the words around the act word it ends with (_strip_act_tails,
    _strip_administrative), and those words as set aside (处理决定→处理): what the weighed
    tier compares where names differ in content."""
    said: list[str] = []
    text = _strip_administrative(_strip_act_tails(core, wording, said), wording, said)
    return read_synonyms(text, wording, said), tuple(said)


def read_synonyms(text: str, wording: Wording, dropped: list[str]) -> str:
    """The text with each `synonyms` word read as the word it stands for (货运→货物运输,
    社保→社会保险, 做出→作出), each reading added to `dropped` as the evidence says it. Read
    before stems are compared and before the weighed tier looks for content that differs: a
    spelling is no other offence or object (对…做出突出贡献的…奖励 / 对…作出…). Occurrences
    inside the form the word stands for (客运 in 旅客运输) stay."""
    for word, meant in wording.synonyms:
        if word not in text:  # then in none of its pieces: nearly every name, no split
            continue
        pieces = [text] if meant in word else text.split(meant)
        if any(word in p for p in pieces):
            text = meant.join(p.replace(word, meant) for p in pieces)
            dropped.append(f"{word}→{meant}")
    return text


_PROVINCE = "省"  # the level of the places a name may write after its opening verb


def _strip_inner_province(text: str, wording: Wording, dropped: list[str]) -> tuple[str, str]:
    """The text without the province (a place of the 省 level: 四川省, 西藏自治区) written right
    after the grant verb or action it opens with, and that province, which stands as its scope
    word: 申领四川省老年人优待证 is 申领老年人优待证 of the 省 level, as 四川省… in front of a name
    is (set_aside_prefixes). Only provinces: a place of another level there may be the thing
    named (设立经济开发区审批), and no list data bears it out as it does a prefix. Nor a
    province followed by a `place_subjects` word (居民, 同胞, 籍 …): 核发台湾省居民来往大陆通行证
    names the residents of 台湾省, not the province that issues the permit."""
    opening = _openings(wording)
    verb = next((w for w in opening if text.startswith(w)), "") if text.startswith(opening) else ""
    places, _ = read_places(text[len(verb) :], wording) if verb else ((), 0)
    if not places or places[0][1] != _PROVINCE:
        return text, ""
    place = places[0][0]
    rest = verb + text[len(verb) + len(place) :]
    if len(rest) - len(verb) < MIN_STEM_LENGTH or rest[len(verb) :].startswith(
        wording.place_subjects
    ):
        return text, ""
    dropped.append(place)
    return rest, place


def _strip_repeated_lead(text: str, wording: Wording, dropped: list[str]) -> str:
    """The text without a word it opens with that it says again later (`repeated_leads`:
    道路货物运输车辆道路运输证 is 货物运输车辆道路运输证, its 道路运输证 saying 道路 once more).
    Only where the later words stand after it: 道路危险货物运输, 道路 said once, keeps it
    (水路危险货物运输 is another matter)."""
    for word, later in wording.repeated_leads:
        rest = text.removeprefix(word)
        if rest != text and later in rest and len(rest) >= MIN_STEM_LENGTH:
            dropped.append(word)
            return rest
    return text


def _object_act_read(text: str, wording: Wording, dropped: list[str]) -> str:
    """The name of an act done to an object (`object_acts`) read as its object then the act:
    对滥伐林木行为的处罚, 对滥伐林木的行为予以处罚 and 滥伐林木的处罚 are 滥伐林木处罚;
    征收水资源费 and 水资源费的征收 are 水资源费征收. A 对 before the object, its 的 and the
    act's own words around it (行为, 予以) say nothing of which object; those words are added
    to `dropped`, as is a word order turned (征收水资源费→水资源费征收)."""
    for act, words in wording.object_acts:
        if text.endswith(act):
            obj, said = text[: -len(act)], ""
        elif text.startswith(act) and not text.endswith(_act_ends(wording)):
            obj, said = text[len(act) :], f"{text}→{text[len(act) :]}{act}"
        else:
            continue
        obj, aside = _object_alone(obj, words)
        if len(obj) < MIN_STEM_LENGTH:
            return text
        dropped.extend(w for w in (said, *aside) if w)
        return obj + act
    return text


_PREPOSITION, _OF = "对", "的"


def _object_closed_by_de(text: str, wording: Wording, dropped: list[str]) -> str:
    """对<object>的<act>, the act a kind an applicant asks for (`act_words`: 审批, 认定 …), as
    <object><act> before anything else is read (对棉花加工资格的认定 is 棉花加工资格认定, and
    对…资格的审批 meets the synonyms as …资格审批 does). Penalties and checks (对…的处罚) keep
    their own reading (`object_acts`); 对 opening a word (对外贸易) stays."""
    if not text.startswith(_PREPOSITION) or text.startswith(wording.preposition_words):
        return text
    act = next((a for a in _longest_first(wording.act_words) if text.endswith(_OF + a)), "")
    head = text[1 : -len(_OF + act)] if act else ""
    if len(head) < MIN_STEM_LENGTH or _OF in head:
        return text
    dropped.extend((_PREPOSITION, _OF))
    return head + act


def _strip_object_preposition(text: str, core: str, wording: Wording, dropped: list[str]) -> str:
    """The text without the 对 of a name written 对<object>的<act> (对设立典当行的审核,
    对成品油仓储经营资格的审批), as older decisions write the acts of every kind: the act is
    done to what follows, which lists write without 对 (典当行设立审核). Only where the name
    closes the object with 的 and 对 opens no word of its own (`preposition_words`: 对外贸易)."""
    if not text.startswith(_PREPOSITION) or _OF not in core.removeprefix(_PREPOSITION):
        return text
    if text.startswith(wording.preposition_words) or len(text) - 1 < MIN_STEM_LENGTH:
        return text
    dropped.append(_PREPOSITION)
    return text[1:]


def _object_alone(obj: str, words: tuple[str, ...]) -> tuple[str, list[str]]:
    """The object of an act without a 对 before it, its 的 (经营不符合食品安全标准的食品 is
    …标准食品: a list may leave it out) and `words` (行为, 予以) at its end, and those of `words`
    set aside."""
    aside: list[str] = []
    obj = obj.removeprefix("对").replace("的", "")
    while word := next((w for w in words if obj.endswith(w)), ""):
        aside.append(word)
        obj = obj[: -len(word)]
    return obj, aside


def _strip_administrative(text: str, wording: Wording, dropped: list[str]) -> str:
    """The text without a 行政 right before the act word it ends with (土地权属争议行政裁决 is
    土地权属争议裁决, 某某行政许可 某某许可): the 事项类型 the act is of, said by some lists and
    not others. 行政 elsewhere (行政区划, 行政事业性收费) is what the name is about."""
    if _ADMINISTRATIVE not in text:  # nearly every name: no scan of the act words
        return text
    word = next((w for w in _act_ends(wording) if text.endswith(_ADMINISTRATIVE + w)), "")
    if not word or len(text) - len(word) - len(_ADMINISTRATIVE) < MIN_STEM_LENGTH:
        return text
    dropped.append(f"{_ADMINISTRATIVE}{word}→{word}")
    return text[: -len(word) - len(_ADMINISTRATIVE)] + word


def _without_generic_subjects(text: str, wording: Wording, dropped: list[str]) -> str:
    """The text without the generic subjects inside it (`inner_subjects`: 企业, 单位, which a list
    adds without narrowing a matter; 个人 or 事业单位 inside a name names another party:
    住房公积金个人缴存登记 is not 单位缴存登记), each added to `dropped`: 棉花加工企业资格认定 has
    the stem of 棉花加工资格认定. One at the start is what the name is about (企业职工…,
    单位参保登记: 单位 and 个人 are contrasts), one at the end of the stem the thing named
    (设立煤炭经营企业审批 approves the enterprise, not 煤炭经营许可证), and one after a negation
    part of another subject (民办非企业单位): they stay, as does the whole run at the start
    (企业事业单位…). Nothing is set aside that would leave fewer than MIN_STEM_LENGTH characters."""
    generic = wording.generic_subjects
    lead = leading_subjects(text, wording)
    for word in wording.inner_subjects:
        at = text.find(word, 1)
        while at > 0:
            if at < lead:  # inside the run at the start (企业事业单位…): what the name is about
                at = text.find(word, at + 1)
                continue
            start = at  # the start of the run of generic subjects it ends (非企业单位)
            while (before := next((w for w in generic if text[:start].endswith(w)), "")) != "":
                start -= len(before)
            if (
                start == 0
                or at + len(word) == len(text)
                or text[start - 1] in wording.negations
                or len(text) - len(word) < MIN_STEM_LENGTH
            ):
                at = text.find(word, at + 1)
                continue
            text = text[:at] + text[at + len(word) :]
            dropped.append(word)
            at = text.find(word, at)
    return text


def leading_subjects(text: str, wording: Wording) -> int:
    """How many characters of text the run of generic subjects at its start takes (企业事业单位…:
    企业 and 事业单位), longest word first; 0 when it starts with none."""
    pos = 0
    subjects = wording.generic_subjects
    while text.startswith(subjects, pos) and (
        word := next((w for w in subjects if text.startswith(w, pos)), "")
    ):
        pos += len(word)
    return pos


@dataclass(frozen=True)
class Loose:
    """A stem read loosely (loose_stem): what is left, the generic subjects at its start set
    aside, and the other words set aside."""

    stem: str
    lead: str
    dropped: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def loose_stem(stem: str, wording: Wording) -> Loose:
    """A stem without the words lists add or drop that narrow no matter, where no sibling is
    named with them (matching decides that): the generic subjects at its start (企业投资项目 is
    投资项目), `generic_words` inside it (养老服务机构 is 养老机构), or at its end after an act
    word (批准文件 is 批准, the document the act issues), or a `business_words` word at its end
    (保险经纪业务许可 is 保险经纪许可: the business the act is for), a `leading_verbs` verb
    opening it read at its end (经营劳务派遣业务 is 劳务派遣经营), and the second of a word
    written twice (城镇污水排入城镇排水管网 is 城镇污水排入排水管网). Of a benefit, the
    population it is paid to at its start (`population_words`: 城市居民最低生活保障金 is
    最低生活保障金) and the money at its end (`money_words`: 医疗救助金 is 医疗救助). At least
    MIN_STEM_LENGTH characters stay."""
    dropped: list[str] = []
    lead = leading_subjects(stem, wording) or _population_lead(stem, wording)
    text = stem[lead:] if len(stem) - lead >= MIN_STEM_LENGTH else stem
    lead_word = stem[: len(stem) - len(text)]
    money = next((w for w in wording.money_words if text.endswith(w)), "")
    if money and len(text) - len(money) >= MIN_BENEFIT_STEM:
        text = text[: -len(money)]
        dropped.append(money)
    for word in wording.generic_words:
        at = text.find(word, 1)
        while at > 0 and len(text) - len(word) >= MIN_STEM_LENGTH:
            at_end = at + len(word) == len(text)
            if at_end and not _ends_freely(text[:at], word, wording):
                break
            text = text[:at] + text[at + len(word) :]
            dropped.append(word)
            at = text.find(word, at)
    text = _verb_to_end(text, wording, dropped)
    text = _without_repeat(text, dropped)
    return Loose(text, lead_word, tuple(dropped))


def _verb_to_end(text: str, wording: Wording, dropped: list[str]) -> str:
    """The stem with the `leading_verbs` verb it opens with read at its end, where a business's
    name of MIN_BENEFIT_STEM characters follows: 经营劳务派遣 (经营劳务派遣业务许可, its 业务 set
    aside) is 劳务派遣经营 (劳务派遣经营许可), the verb said once either way. A verb made an
    adjective by 性 (经营性人力资源服务机构) is no verb."""
    verb = next((v for v in wording.leading_verbs if text.startswith(v)), "")
    rest = text[len(verb) :]
    if not verb or len(rest) < MIN_BENEFIT_STEM or verb in rest or rest.startswith(_ADJECTIVE):
        return text
    dropped.append(f"{verb}…→…{verb}")
    return rest + verb


_ADJECTIVE = "性"  # after a verb, makes it an adjective: 经营性, 营利性
MIN_BENEFIT_STEM = 4  # what a population or money word leaves of a benefit's name (医疗救助)


def _population_lead(stem: str, wording: Wording) -> int:
    """How many characters the run of `population_words` a benefit's stem opens with takes
    (城市居民, 城乡 …), where MIN_BENEFIT_STEM characters follow; else 0. Only in the name of a
    benefit, one ending so (`benefit_ends`: 最低生活保障金, 医疗救助, …待遇): in another, such a
    word is what the matter is about (城镇污水排入排水管网)."""
    if not stem.endswith(wording.benefit_ends):
        return 0
    pos = 0
    while word := next((w for w in wording.population_words if stem.startswith(w, pos)), ""):
        pos += len(word)
    return pos if len(stem) - pos >= MIN_BENEFIT_STEM else 0


def _ends_freely(before: str, word: str, wording: Wording) -> bool:
    """May a generic word end a stem and still be set aside? After an act word (批准文件), or a
    word naming the business an act is for (`business_words`: 保险经纪业务)."""
    return word in wording.business_words or before.endswith(_act_words(wording))


@lru_cache(maxsize=16)
def _act_words(wording: Wording) -> tuple[str, ...]:
    """The words of a kind of act (`act_words`, `act_kinds`: 认定, 批准 …)."""
    return (*wording.act_words, *(w for w, _ in wording.act_kinds))


def _without_repeat(text: str, dropped: list[str]) -> str:
    """The text without the second of a word of two to four characters written twice, the
    longest such word, once (城镇污水排入城镇排水管网)."""
    for size in range(min(4, len(text) // 2), 1, -1):
        for at in range(len(text) - size):
            word = text[at : at + size]
            again = text.find(word, at + size)
            if again > 0:
                dropped.append(word)
                return text[:again] + text[again + size :]
    return text


def _strip_request(text: str, wording: Wording) -> tuple[str, list[str], str]:
    """The text without a word at its end that only says it is applied for (申请), the word as
    set aside, and the word again when it names the first grant. After an action it only says
    that action is applied for (食品经营许可变更申请 leaves 食品经营许可变更). After an act word
    (认定, 许可, 登记, 证明 …) or a grant verb (办理, 签发 …) it names the application for the
    matter, the first grant, where the name names no other action: 教师资格认定申请 leaves
    教师资格认定, a name of the matter for a list item implementing it (as 新办 is), and a decision
    naming 危险废物经营许可申请 reaches that 业务办理项, not its siblings 变更, 补办, 到期延续
    (采矿权注销登记申请 is 采矿权注销登记). Before a grant verb too
    (证照遗失补领换发申请办理 leaves 证照遗失补领换发办理, as 证照遗失补领换发申请 leaves
    证照遗失补领换发). Elsewhere it is part of the name: 法律援助申请 keeps it."""
    actions = _spellings(wording)
    follows = _followed(wording)
    tail = next(
        (
            v
            for v in wording.grant_verbs
            if text.endswith(v) and text[: -len(v)].endswith(wording.request_words)
        ),
        "",
    )
    body = text[: len(text) - len(tail)]
    for word in wording.request_words:
        rest = body.removesuffix(word)
        if rest == body or len(rest) < MIN_STEM_LENGTH or not rest.endswith(follows):
            continue
        if rest.endswith(actions):
            return rest + tail, [word], ""
        return rest + tail, [word], word
    return text, [], ""


@lru_cache(maxsize=16)
def _spellings(wording: Wording) -> tuple[str, ...]:
    """Every action's spellings (longest first), made once per vocabulary: `parts` asks whether
    a name ends or opens with one for every name of a province."""
    return tuple(spelling for spelling, _ in wording.actions)


@lru_cache(maxsize=16)
def _initial_spellings(wording: Wording) -> tuple[str, ...]:
    """The spellings of the actions that name the first grant (设立, 新办 …)."""
    return tuple(s for s, meant in wording.actions if meant in wording.initial_actions)


@lru_cache(maxsize=16)
def _openings(wording: Wording) -> tuple[str, ...]:
    """What a name may open with before a province (_strip_inner_province): grant verbs, then
    the action spellings."""
    return (*wording.grant_verbs, *_spellings(wording))


@lru_cache(maxsize=16)
def _followed(wording: Wording) -> tuple[str, ...]:
    """The words a request word (申请) or a township's stage word (受理, 代办) may follow: a kind
    of act (认定, 许可 …), a grant verb (签发, 办理 …), a licence word (许可证, 审批) or an action
    (变更, 注销 …). After any other word they are part of the name (法律援助申请,
    劳动人事争议仲裁受理)."""
    return (
        *wording.act_words,
        *wording.grant_verbs,
        *wording.licence_words,
        *(spelling for spelling, _ in wording.actions),
    )


def _strip_stage(text: str, wording: Wording, dropped: list[str]) -> tuple[str, str]:
    """The text without the stage word at its end (and a 的 before it), and that word:
    棉花加工资格认定初审, 棉花加工资格认定的初审 and 棉花加工资格认定审核转报 leave
    棉花加工资格认定, as 棉花加工资格认定（初审） does. A stage a township does (act_stage_words:
    受理, 申请受理, 代办, 受理初审) is one only after a word a request may follow too
    (_followed: a kind of act, a grant verb, a licence word or an action):
    棉花加工资格认定受理, 民办学校聘任校长核准的申请受理, 居住证签发受理, 食品经营许可变更受理,
    and 受理…申请 around the name (受理棉花加工资格认定申请, 受理食品经营许可变更申请);
    劳动人事争议仲裁受理 is a whole matter. After 申请 any stage word is the stage of the
    application, the 申请 set aside too (_stage_of_application: 农业机械购置补贴申请受理), and
    one opening the name is read as at its end (_leading_stage: 代办残疾人证核发). The longest
    word is tried first. Nothing is stripped that would leave fewer than MIN_STEM_LENGTH
    characters."""
    follows = _followed(wording)
    for word, after_act in _stage_tails(wording):
        if text.endswith(word):
            rest = text[: -len(word)]
            rest = rest[:-1] if rest.endswith("的") else rest
            applied, request = _stage_of_application(rest, wording)
            if applied:
                dropped.append(request)
                return applied, word
            if len(rest) >= MIN_STEM_LENGTH and (not after_act or rest.endswith(follows)):
                return rest, word
    for request in wording.request_words:  # 受理…申请: the stage said around the name
        if not text.endswith(request):
            continue
        for word in wording.act_stage_words:
            rest = text[len(word) : -len(request)]
            if text.startswith(word) and len(rest) >= MIN_STEM_LENGTH and rest.endswith(follows):
                return rest, word
    return _leading_stage(text, wording)


def _stage_of_application(rest: str, wording: Wording) -> tuple[str, str]:
    """What a stage word (受理, 初审) follows when a request word (申请) right before it says the
    rest is applied for, though no kind of act ends it: 农业机械购置补贴申请受理 and
    困难残疾人生活补贴申请初审 are the 受理 and 初审 of the application for 农业机械购置补贴 and
    困难残疾人生活补贴 (benefits and services are named without an act word), with the request
    word set aside. Empty where no request word stands there, or where a kind of act does end
    the rest: 教师资格认定申请初审 is left to the request rule (申请 after an act word names the
    first grant)."""
    follows = _followed(wording)
    for request in wording.request_words:
        bare = rest.removesuffix(request)
        bare = bare[:-1] if bare.endswith("的") else bare
        if bare != rest and len(bare) >= MIN_STEM_LENGTH and not bare.endswith(follows):
            return bare, request
    return "", ""


def _leading_stage(text: str, wording: Wording) -> tuple[str, str]:
    """The text without a township's stage word it opens with, and that word: 代办残疾人证核发 and
    受理居住证签发 are the 代办 and 受理 of 残疾人证核发 and 居住证签发, as 残疾人证核发代办 is.
    Only before a name a request may follow (_followed: a kind of act, a grant verb, a licence
    word or an action), and not where the word names who does it (代办点…, 代办机构…, 代办员…:
    an agency's ending or a generic subject right after it, `agency_suffixes`,
    `generic_subjects`, or `stage_agents`), unless a word naming no agent opens it
    (`not_agents`: 代办人防工程竣工验收备案 is the 代办 of 人防工程竣工验收备案)."""
    follows = _followed(wording)
    agents = (*wording.agency_suffixes, *wording.generic_subjects, *wording.stage_agents)
    for word in wording.act_stage_words:
        rest = text[len(word) :]
        if (
            text.startswith(word)
            and len(rest) >= 2 * MIN_STEM_LENGTH
            and rest.endswith(follows)
            and (not rest.startswith(agents) or rest.startswith(wording.not_agents))
        ):
            return rest, word
    return text, ""


@lru_cache(maxsize=16)
def _stage_tails(wording: Wording) -> tuple[tuple[str, bool], ...]:
    """(stage word, only after a kind of act) of both lists, longest first."""
    tails = [(w, False) for w in wording.stage_words]
    tails += [(w, True) for w in wording.act_stage_words if w not in wording.stage_words]
    return tuple(sorted(tails, key=lambda t: -len(t[0])))


def _strip_scope(text: str, wording: Wording, dropped: list[str]) -> tuple[str, str]:
    """The text without the words at its start that say whose power or which level it is, and
    its scope word: 权限内肥料登记, 本级权限内肥料登记 and 辖区内肥料登记 leave 肥料登记 (no scope),
    市本级肥料登记 and 市级权限内肥料登记 leave it with scope 市本级 / 市级. A verb saying only
    that the event named is held (`holding_verbs`: 举办大型群众性活动安全许可) is set aside so
    too. One scope word at most; nothing is stripped that would leave fewer than
    MIN_STEM_LENGTH characters."""
    scope = ""
    aside = (*wording.jurisdiction_prefixes, *wording.holding_verbs)
    while True:
        word = next((p for p in aside if text.startswith(p)), "")
        is_scope = False
        if not word and not scope:
            word = next((p for p in wording.scope_prefixes if text.startswith(p)), "")
            is_scope = bool(word)
        if not word or len(text) - len(word) < MIN_STEM_LENGTH:
            return text, scope
        text = text[len(word) :]
        dropped.append(word)
        if is_scope:
            scope = word


def lists_actions(name: str, wording: Wording) -> bool:
    """Does a name as written list several actions (设立、变更、注销登记; 设立及变更; 设立登记、
    变更登记和注销登记, the act said after each)? The key has lost its 、, so this reads the name
    itself."""
    return bool(_LISTED.search(_marked(act_said_once(name, wording), wording)))


@lru_cache(maxsize=16)
def _act_repeated(wording: Wording) -> re.Pattern[str]:
    """An action and the act word after it, where the next action ends in the same act word
    (设立登记、 before 变更登记): the pattern act_said_once reads."""
    spellings = "|".join(map(re.escape, _spellings(wording)))
    acts = "|".join(map(re.escape, _act_ends(wording)))
    return re.compile(
        f"(?P<action>{spellings})(?P<act>{acts})(?P<join>[及和与或、，,/]?)"
        f"(?=(?:{spellings})(?P=act))"
    )


def act_said_once(text: str, wording: Wording) -> str:
    """The name with an act word said after each action it lists said once, at the end:
    设立登记、变更登记和注销登记 is 设立、变更和注销登记, three 业务办理项 of one 登记, as 国务院
    decisions write what a catalogue writes 设立、变更、注销登记. Only where the same act word
    follows every action of the run (设立登记、变更备案 names two acts and stays)."""
    if not wording.actions:
        return text
    return _act_repeated(wording).sub(lambda m: m["action"] + m["join"], text)


def actions_in(text: str, wording: Wording) -> tuple[frozenset[str], str]:
    """The canonical actions a text names and what is left of it (注销登记: 注销, 登记)."""
    found, rest = _actions_in(text, wording)
    return frozenset(found), rest


def note_actions(note: str, wording: Wording) -> frozenset[str]:
    """The canonical actions a note is or holds (（信息变更）, （变更经营场所）, （到期延续）: 变更,
    变更, 延续); a remark (is_remark) names none: （依据公司变更登记管理办法） is no 变更."""
    if is_remark(note, wording):
        return frozenset()
    return frozenset(_actions_in(note, wording)[0])


def top_notes(key: str) -> frozenset[str]:
    """The outermost parenthetical notes of a key, each without the brackets inside it: a note
    holding a document number, （依据国发〔2019〕6号）, is one note, not the note （2019）."""
    notes: set[str] = set()
    depth, text = 0, ""
    for char in key:
        if char == "(":
            depth, text = depth + 1, text if depth else ""
        elif char == ")" and depth:
            depth -= 1
            if not depth and text:
                notes.add(text)
        elif depth:
            text += char
    return frozenset(notes)


# what a note naming a part may add after it that the part's name elsewhere leaves out: an
# exclusion note （港口理货业务除外） and a part note （港口理货业务） name the part 港口理货
PART_TAILS = ("业务", "事项", "服务")


def bare_part(part: str) -> str:
    """A part without a closing 业务, 事项 or 服务 where two characters at least are left
    (港口理货业务 → 港口理货); else the part as written."""
    tail = next((t for t in PART_TAILS if part.endswith(t)), "")
    return part[: -len(tail)] if tail and len(part) - len(tail) >= 2 else part


def bare_notes(key: str) -> str:
    """A key with each outermost note read as bare_part (港口经营许可(港口理货业务) →
    港口经营许可(港口理货)); a note holding a note of its own stays as written."""
    for note in top_notes(key):
        bare = bare_part(note)
        if bare != note:
            key = key.replace(f"({note})", f"({bare})")
    return key


_DOCUMENT_NUMBER = re.compile(r"第\d+号|令\d+号|\d{4}\)?\d+号")  # 令第349号, 国发〔2019〕6号


def is_remark(note: str, wording: Wording) -> bool:
    """Is a note a remark on the matter, not a part of it: it cites the legal basis (opens with
    a `remark_openers` word and names a `remark_sources` word: 依据公司法, 据省政府令第349号;
    or holds a document number anywhere: 省政府令第349号; or is a law's title alone:
    棉花质量监督管理条例, 建筑法第十三条), or says the power is delegated or
    entrusted (`delegation_words`: 部分省级权限下放成都等8市, 委托乡镇实施)? A remark names no
    action, no variant and no 子项; 依法注销 (no source named) is still 注销."""
    cites = note.startswith(wording.remark_openers) and any(
        w in note for w in wording.remark_sources
    )
    cites = cites or _names_a_law(note, wording)
    return cites or bool(_DOCUMENT_NUMBER.search(note)) or _delegates(note, wording)


_ARTICLES = re.compile(r"(?:第[一二三四五六七八九十百千零〇\d]+[条款项])+$")


def cited_basis(note: str, wording: Wording) -> str:
    """The basis a remark cites, as two citations of one law are compared: without the word
    it opens with (依据, 根据) and the lead of a full title (`law_title_leads`: 中华人民共和国
    森林法 is 森林法, its short title). 森林法 and 森林法实施条例 stay two bases."""
    for opener in wording.remark_openers:
        if note.startswith(opener):
            note = note[len(opener) :]
            break
    for lead in wording.law_title_leads:
        if note.startswith(lead) and len(note) > len(lead):
            return note[len(lead) :]
    return note


def _names_a_law(note: str, wording: Wording) -> bool:
    """Is a note a law's title alone, with its articles or not (棉花质量监督管理条例,
    建筑法第十三条: a decision's name cell citing 《…》, the marks gone from the key)? A short
    title needs an article (（司法）, （按规定）, （备案办法） are no citation)."""
    title = _ARTICLES.sub("", note)
    if _issued_decision(title, wording):
        return True
    if not title.endswith(wording.law_titles):
        return False
    return len(title) >= 5 or (title != note and len(title) >= 3)


_MIN_DECISION_TITLE = 8  # 国务院…的决定: an issuer, what it is about, 的决定


def _issued_decision(title: str, wording: Wording) -> bool:
    """Is a note the title of a decision that sets up powers, the legal basis most local
    licences cite (国务院对确需保留的行政审批项目设定行政许可的决定, 省人民政府关于…的决定)? It
    ends in 的决定 and names its issuer (`decision_issuers`); a decision the matter is about
    (（不予许可的决定）, （撤销决定）) names none and stays a note."""
    return (
        len(title) >= _MIN_DECISION_TITLE
        and title.endswith("的决定")
        and any(w in title for w in wording.decision_issuers)
    )


def _delegates(note: str, wording: Wording) -> bool:
    """Does a note hold a `delegation_words` word (…, standing for any text: 委托…实施)?"""
    for word in wording.delegation_words:
        head, _, tail = word.partition("…")
        at = note.find(head)
        if at >= 0 and (not tail or tail in note[at + len(head) :]):
            return True
    return False


def _marked(text: str, wording: Wording) -> str:
    """The text with every action spelling replaced by a NUL mark."""
    for spelling, _ in wording.actions:
        text = text.replace(spelling, "\0")
    return text


def _actions_in(text: str, wording: Wording) -> tuple[set[str], str]:
    """The canonical actions a text names, and the text without them (longest spelling first,
    so 信息变更 is read once, as 变更), with the conjunctions between them (设立及变更)."""
    found: set[str] = set()
    for spelling, canonical in wording.actions:
        if spelling in text:
            found.add(canonical)
            text = text.replace(spelling, "\0")
    return found, _ACTION_RUN.sub("", text) if found else text


def _strip_grant(text: str, wording: Wording) -> tuple[str, list[str]]:
    """The words at the end that only say a licence or certificate is granted, as long as any
    are left: grant verbs (核发, 发放, 办理 …), licence words (许可证, 许可, 审批, 审核) and a 的
    before them: 某某许可证核发, 某某许可, 某某的审核 and 某某办理 all leave 某某; 运输证发放 leaves
    运输证. A 证 (证书, a synonym) right after a word of a kind of act (`act_words`: 认定, 登记,
    备案, 核准, 注册 …) is the certificate that act issues, set aside as 许可证 is:
    棉花加工资格认定证书核发 leaves 棉花加工资格认定, 教练车备案证办理 教练车备案. Nothing is
    stripped that would leave fewer than MIN_GRANT_STEM characters. A grant verb the name opens
    with is read as if it ended it (_leading_grant: 申领机动车驾驶证 is 机动车驾驶证申领)."""
    text, dropped = _leading_grant(text, wording)
    words = _grant_words(wording)
    acts = _certifying_acts(wording)
    changed = True
    while changed:
        changed = False
        for word in words if text.endswith(words) else ():
            if text.endswith(word) and len(text) - len(word) >= MIN_GRANT_STEM:
                text = text[: -len(word)]
                dropped.append(word)
                changed = True
        rest = text[: -len(_CERTIFICATE)]
        if text.endswith(_CERTIFICATE) and rest.endswith(acts) and len(rest) >= MIN_GRANT_STEM:
            text = rest
            dropped.append(_CERTIFICATE)
            changed = True
    return text, dropped


def _leading_grant(text: str, wording: Wording) -> tuple[str, list[str]]:
    """The text without the grant verb it opens with (申领, 核发, 办理 …), and that verb: the
    same act with the verb moved to the front (申领机动车驾驶证 / 机动车驾驶证申领, 核发残疾人证 /
    残疾人证核发), set aside as a grant verb at the end is. Only where what follows is a name of
    its own (MIN_GRANT_STEM characters) and opens with no second grant verb."""
    verb = next((w for w in wording.grant_verbs if text.startswith(w)), "")
    rest = text[len(verb) :]
    if not verb or len(rest) < MIN_GRANT_STEM or rest.startswith(wording.grant_verbs):
        return text, []
    return rest, [verb]


_CERTIFICATE = "证"  # after a word of a kind of act: the certificate it issues (认定证, 备案证)


@lru_cache(maxsize=16)
def _grant_words(wording: Wording) -> tuple[str, ...]:
    """The words _strip_grant sets aside at a name's end, in the order it tries them."""
    return (*wording.grant_verbs, *wording.licence_words, "的")


@lru_cache(maxsize=16)
def _certifying_acts(wording: Wording) -> tuple[str, ...]:
    """The act words a 证 after names the certificate of: not the grant verbs (核发证 is no
    word), nor those ending in 证 themselves (许可证 is a licence word)."""
    return tuple(
        w for w in wording.act_words if w not in wording.grant_verbs and not w.endswith("证")
    )


def action_acts(actions: frozenset[str], wording: Wording) -> frozenset[str]:
    """The acts actions do (`action_kinds`: 补领, 补证 and 补发 do 补办, a reissue); an action of
    no kind does its own: tells the catalogue's sibling a list item's action is."""
    kind = _action_kind(wording)
    return frozenset(kind.get(a, a) for a in actions)


def kind_acts(actions: frozenset[str], wording: Wording) -> frozenset[str]:
    """The actions' acts if every one of them is an act of `action_kinds` other than an
    extension of the licence's term (a reissue 补办, a renewal 换发), else none: an act other
    than the first grant the catalogue may name as a matter of its own (机动车驾驶证补证, 换证
    beside 机动车驾驶证申领). An extension (延续, 延期, 续期: `licence_term_acts`) extends the
    licence the first grant issued, as 变更 changes it: a decision on the issue takes it."""
    acts = action_acts(actions, wording)
    apart = frozenset(_action_kind(wording).values()) - wording.licence_term_acts
    return acts if actions and acts <= apart else frozenset()


def one_term_act(query: Parts, candidate: Parts, wording: Wording) -> str:
    """The act two names' actions do in other words where every one of them extends the
    licence's term (延期, 续期 / 延续: `licence_term_acts`), or "": a decision on 某某许可证延期
    reaches the record 某某许可证延续, as a list item 某某许可证续期 implements it. Another act
    (变更, 注销, 补发) is another 业务办理项; a reissue or renewal named otherwise (补领 / 补证)
    is left to the list side alone (NameIndex.same_act)."""
    mine, theirs = query.actions, candidate.actions
    if not mine or not theirs or mine == theirs:
        return ""
    acts = action_acts(mine, wording)
    if acts != action_acts(theirs, wording) or not acts <= wording.licence_term_acts:
        return ""
    return "/".join(sorted(acts))


def issuing_verb(name: Parts, wording: Wording) -> str:
    """The grant verb (申领, 核发, 发放 … `grant_verbs`) or first-grant action (初领) a name
    names its certificate's issue with, or "": the first grant's act, of which a reissue or
    renewal is no part. A licence noun alone (食品经营许可) names the whole matter."""
    verbs = [w for w in name.dropped if w in wording.grant_verbs] or sorted(name.initial)
    return verbs[0] if verbs else ""


@lru_cache(maxsize=64)
def _action_kind(wording: Wording) -> dict[str, str]:
    """action_kinds as a dict, built once per vocabulary: action_acts runs for every pair of
    names of one stem the matcher compares."""
    return dict(wording.action_kinds)


def action_conflict(
    query: Parts,
    candidate: Parts,
    *,
    implementing: bool,
    strict: bool = False,
    partial: bool = False,
) -> str:
    """Why two names are different 业务办理项 by their actions, or "".

    Equal actions agree. A decision naming no action names the whole matter and reaches every
    业务办理项 of it (cancelling 某某证核发 cancels 某某证发放（注销） too); one naming several
    (设立、变更审批) reaches each of them, and a record listing its action among others
    (设立审批 reaches 设立、变更审批: that part of it is cancelled). A list item whose only
    actions, or the catalogue matter's, name the first grant implements it (残疾人证新办 →
    残疾人证核发); a decision naming the first grant alone (新增) names that 业务办理项, not the
    matter. A list item whose actions stand in its notes or at its end implements a catalogue
    matter that names none (it is one of its 业务办理项: 某某证发放（补办）, 某某许可延续), and
    one whose actions the catalogue matter names among others implements it (设立登记 →
    设立、变更、注销登记).
    Anything else differs: 抵押登记 is not 注销抵押登记, a list item 某某证发放 does not
    implement 某某证注销, 企业注销社会保险登记 not 企业社会保险登记.
    `strict`: only equal actions agree (a decision against a 主项 name: 执业许可 names part of
    公证员执业、变更许可, not the whole 主项 and every 子项 under it). `partial`: the candidate is
    a list item, which a decision may reach in part (设立审批 reaches 设立、变更审批, the actions
    in its name, none in a note); a catalogue matter is not reached in part, since what it
    reaches passes on to every list item implementing it, 变更审批 among them; so are actions
    listed in a note (食品经营许可（变更、注销）: lists_its_actions)."""
    mine, theirs = query.actions, candidate.actions
    if mine == theirs:
        return ""
    if implementing and not (mine - query.initial or theirs - candidate.initial):
        return ""  # only words for the first grant (新办, 设立) on either side
    listed = query.listed and theirs and theirs <= mine
    if not implementing and not strict and (not mine or listed):
        return ""  # a decision reaches the 业务办理项 of what it names
    if not strict and opens_with_first_grant(query, candidate):
        return ""  # 设立煤炭经营企业审批 is 煤炭经营企业审批
    if partial and not implementing and mine <= theirs and lists_its_actions(candidate):
        return ""  # a list item listing the decision's action among others (设立、变更审批)
    if implementing and not theirs and (not query.text_actions or query.trailing):
        return ""  # a 业务办理项 (its action in a note, or last) implements the matter
    if implementing and mine and candidate.listed and mine <= theirs:
        return ""  # the catalogue matter names the item's action among others
    a = "/".join(sorted(query.actions)) or "—"
    b = "/".join(sorted(candidate.actions)) or "—"
    return f"actions differ ({a}≠{b})"


def lists_its_actions(name: Parts) -> bool:
    """Does a name list its actions all in one place, its text (设立、变更审批) or its notes
    (食品经营许可（变更、注销）), or notes each an action alone (食品经营许可（变更）（注销））?
    Then it is several 业务办理项 in one item, which a decision on one of them reaches in part.
    Actions split between text and note (设立审批（变更、注销）) are not so read."""
    return name.listed and name.text_actions in (name.actions, frozenset())


def opens_with_first_grant(query: Parts, candidate: Parts) -> bool:
    """Does the query open with the first grant (设立煤炭经营企业审批, 新设…) or name the
    application for the matter (危险废物经营许可申请: `applied`), and name no other action, and
    the candidate name none but the first grant either? Then the two name one matter: 设立X审批
    is X审批 (the approval is of setting X up), X许可申请 reaches X许可 as it reaches
    X许可（新办）, as a list item 残疾人证新办 implements 残疾人证核发. What it reaches so passes
    on only to the first grant (first_grant_only). A first-grant word elsewhere (残疾人证新增,
    护士新办执业注册) names that 业务办理项 alone."""
    return (
        (query.opens or bool(query.applied))
        and not query.actions - query.initial
        and not candidate.actions - candidate.initial
    )


def first_grant_only(query: Parts) -> bool:
    """Does a name name the first grant alone (设立煤炭经营企业审批, 某某许可申请, 某某（新办））?
    Then what a decision so worded reaches passes on only to the 业务办理项 of the first grant:
    a 主项 it reaches as its first grant takes its （新办） 子项 with it, not （变更） nor
    （注销）."""
    return bool(query.actions) and query.actions <= query.initial


def names_no_other_act(candidate: Parts) -> bool:
    """Does a name name no action but the first grant (a 主项, its （新办） 子项)?"""
    return not candidate.actions - candidate.initial


def note_conflict(query: Parts, candidate: Parts, *, implementing: bool) -> str:
    """Notes that name variants (（限制使用农药） / （其他农药）) differ when both sides carry
    one; a note on the candidate alone names a variant of what the query names; a note on the
    query alone narrows it, unless the query is a list item looking for its matter. The stage
    a name ends with (初审, 审核转报: Parts.stage, also among its notes) is no variant: it is a
    stage of the matter its other notes name, so 烟花爆竹经营（批发）许可初审 is a stage of
    烟花爆竹经营（批发）许可, not of the 主项 烟花爆竹经营许可 its 批发 would drop to. A decision
    naming a stage (棉花加工资格认定初审) keeps it: it reaches that stage alone."""
    if implementing or not query.stage:
        mine, theirs = _variant_notes(query), _variant_notes(candidate)
    else:
        mine, theirs = query.notes, candidate.notes
    if mine == theirs or not mine:
        return ""
    if implementing and not theirs:
        return ""
    a = "/".join(sorted(mine))
    b = "/".join(sorted(theirs)) or "—"
    return f"notes differ ({a}≠{b})"


def _variant_notes(name: Parts) -> frozenset[str]:
    """A name's notes without the stage it ends with (note_conflict)."""
    return name.notes - {name.stage} if name.stage else name.notes


def scope_conflict(query: Parts, candidate: Parts) -> str:
    """Two different scope words (国家 vs 省, 市本级 vs 县级) name different matters; one side
    without, one scope inside the other (国家 and 国家和省), or two words for one level (省 and
    省级; 区级 and 县级: a 区 is a county-level area) are fine."""
    a, b = query.level, candidate.level
    if a and b and a not in b and b not in a:
        return f"scope differs ({query.scope}≠{candidate.scope})"
    return ""


def wording_difference(query: Parts, candidate: Parts) -> str:
    """The set-aside words that differ between two names with one stem, for the evidence."""
    a = [w for w in query.dropped if w not in candidate.dropped]
    b = [w for w in candidate.dropped if w not in query.dropped]
    if not a and not b:
        return ""
    return f"{'、'.join(a) or '—'} / {'、'.join(b) or '—'}"


# --- grades of a qualification ----------------------------------------------------------------

_BELOW = ("及以下", "以下")  # after a grade: that grade and those below it
_ABOVE = ("及以上", "以上")  # that grade and those above it
_JOINED = "和及与或"  # between two grades a name lists (二级和三级); the key has lost 、


@dataclass(frozen=True)
class Grades:
    """The grades a name of a qualification names (grades()): every grade its range covers."""

    rest: str  # the key without them (and without a note they leave empty)
    grades: frozenset[str]
    said: str  # as the name says it: 二级及以下, 三级暂定
    ranged: bool  # a range (二级及以下), not grades one by one


@lru_cache(maxsize=1 << 16)
def grades(key: str, wording: Wording) -> Grades | None:
    """The grades a name key names, or None: a range (物业服务企业二级及以下资质认定: 二级 and
    every grade below it on its scale, 暂定 the lowest of all; 乙级及以上: 乙级 and 甲级), or
    grades one by one, in the name or in a note (物业服务企业资质认定（三级、暂定）). Read only in
    the name of a qualification (`grade_subjects`: 资质, 资格), where the first grade is the
    highest (a hospital's 三级 is its highest), and only when the grades stand in one place."""
    if not wording.grade_scales or not any(w in key for w in wording.grade_subjects):
        return None
    pattern = _grade_pattern(wording)
    found = list(pattern.finditer(key))
    if len(found) != 1:
        return None
    hit = found[0]
    said = hit.group(0)
    rest = re.sub(r"\(\)", "", key[: hit.start()] + key[hit.end() :])
    if len(rest) < MIN_STEM_LENGTH:
        return None
    named = re.findall("|".join(_grade_words(wording)), said)
    if said.endswith(_BELOW + _ABOVE):
        covered = _range(named[-1], said.endswith(_BELOW), wording)
        return Grades(rest, covered, said, True) if covered else None
    return Grades(rest, frozenset(named), said, False)


def _range(grade: str, below: bool, wording: Wording) -> frozenset[str]:
    """The grades from `grade` down (with the lowest) or up its scale; none for a grade on no
    scale (暂定及以上)."""
    for scale in wording.grade_scales:
        if grade in scale:
            at = scale.index(grade)
            if below:
                return frozenset((*scale[at:], *wording.lowest_grades))
            return frozenset(scale[: at + 1])
    return frozenset()


@lru_cache(maxsize=16)
def _grade_words(wording: Wording) -> tuple[str, ...]:
    words = [g for scale in wording.grade_scales for g in scale] + list(wording.lowest_grades)
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=16)
def _grade_pattern(wording: Wording) -> re.Pattern[str]:
    """Grades one by one (二级, 三级暂定, 二级和三级), or one grade and a range word."""
    grade = "(?:" + "|".join(map(re.escape, _grade_words(wording))) + ")"
    ranged = "(?:" + "|".join(_BELOW + _ABOVE) + ")"
    return re.compile(f"{grade}{ranged}|{grade}(?:[{_JOINED}]?{grade})*")


# --- a place or an agency in front of a name ---------------------------------------------------

MIN_PREFIX_NAMES = 3  # names of one list a run of places must start, when no agency names them
MAX_AGENCY = 24  # characters an agency's name is read over, at most
MAX_PLAIN_AGENCY = 12  # … and one no 实施主体 of the list writes so
_IDEOGRAPH = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


@dataclass(frozen=True)
class Prefix:
    """What a list writes in front of a name and matching sets aside (set_aside_prefixes)."""

    text: str  # the key's start: 西湖区市场监督管理局, (区行政审批局)
    scope: str = ""  # the last place it names (西湖区), standing as the name's scope word
    level: str = ""  # the level that place names (区: 县)

    @property
    def shown(self) -> str:
        """The prefix as the evidence quotes it, without the brackets around it (乡镇(街道) keeps
        its own)."""
        return self.text[1:-1] if self.bracketed and self.text.endswith(")") else self.text

    @property
    def bracketed(self) -> bool:
        return self.text.startswith("(")


@lru_cache(maxsize=64)
def _place_pattern(wording: Wording) -> re.Pattern[str] | None:
    """A place at a position: 2 to 4 ideographs (up to 8 before a suffix of three characters,
    自治州) and a place suffix, the shortest reading first."""
    if not wording.place_suffixes:
        return None
    long = [re.escape(s) for s, _ in wording.place_suffixes if len(s) >= 3]
    short = [re.escape(s) for s, _ in wording.place_suffixes if len(s) < 3]
    alternatives = []
    if long:
        alternatives.append(f"{_IDEOGRAPH}{{2,8}}?(?:{'|'.join(long)})")
    if short:
        alternatives.append(f"{_IDEOGRAPH}{{2,4}}?(?:{'|'.join(short)})")
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=64)
def _suffix_chars(wording: Wording) -> frozenset[str]:
    return frozenset(c for s, _ in wording.place_suffixes for c in s)


def read_places(
    text: str, wording: Wording, agency: bool = False
) -> tuple[tuple[tuple[str, str], ...], int]:
    """The places a text starts with, each (place, level), and where they end. A place is
    refused, and the reading stops, where a `not_places` word overlaps it (受理城市, 扩大矿区,
    自然保护区, 改动市政, 在有效区域, 设区的市级, 城市街道), where it starts with a scope or
    jurisdiction word (国家和省), or where it is made of place suffixes alone (省市县). In an
    agency's name (`agency`) only a word opening the place refuses it: the places in front of
    an agency are real ones, and a word met across or inside them is the name's own (成都市,
    厦门市 hold 都市, 门市; 广安市民政局 reads 市民 across 广安市|民政局); 市场监督管理局 and
    城市管理局 still name no place."""
    pattern = _place_pattern(wording)
    if pattern is None:
        return (), 0
    found = pattern.match(text)
    if found is None:  # nearly every name: no place in front
        return (), 0
    suffix_chars = _suffix_chars(wording)
    starts = (*wording.scope_prefixes, *wording.jurisdiction_prefixes)
    places: list[tuple[str, str]] = []
    pos = 0
    while True:
        found = found if not places else pattern.match(text, pos)
        if found is None or text.startswith(starts, pos):
            break
        end = found.end()
        place = text[pos:end]
        suffix, level = next((s, lv) for s, lv in wording.place_suffixes if place.endswith(s))
        base = place[: -len(suffix)]
        first = pos if agency else 0  # where an overlapping word may start
        if set(base) <= suffix_chars or any(
            text.startswith(w, p)
            for w in wording.not_places
            for p in range(max(first, pos - len(w) + 1), pos + 1 if agency else end)
        ):
            break
        places.append((place, level))
        pos = end
    return tuple(places), pos


def agency_heads(agency: str, wording: Wording) -> set[str]:
    """The first two characters of an agency's key where its own name may start
    (_agency_starts): 区经信局 gives 区经 and 经信, since a list may write 经信局-… in front of
    its names."""
    return {agency[s : s + 2] for s in _agency_starts(agency, wording) if len(agency) - s >= 2}


def _agency_starts(agency: str, wording: Wording) -> set[int]:
    """Where an agency's own name may start in its key: at its start, after the places in
    front of it (杭州市公安局西湖区分局: 公安局…), after a lone 区 or 县 standing for the county
    (区经信局: 经信局)."""
    places, pos = read_places(agency, wording)
    starts = {0, pos, *(len(p) for p, _ in places[:1])}
    if agency[:1] and agency[0] in _suffix_chars(wording):
        starts.add(1)
    return starts


@dataclass
class _ListAgencies:
    """What one list's 实施主体 cells say of the names it writes in front of its items."""

    wording: Wording
    whole: set[str] = field(default_factory=set)  # the keys of agencies named as agencies are
    parts: set[str] = field(default_factory=set)  # those once the places in front are set aside
    heads: set[str] = field(default_factory=set)  # the first two characters of each of these
    seen: set[str] = field(default_factory=set)  # every agency key added
    text: str = ""  # every key, one a line: is a place named by an agency of the list?
    named: dict[str, bool] | None = None

    def add(self, agency: str) -> None:
        if agency in self.whole or agency in self.seen:
            return
        self.seen.add(agency)
        if not agency.endswith(self.wording.agency_suffixes):
            return
        self.whole.add(agency)
        self.named = None
        starts = _agency_starts(agency, self.wording)
        for end in range(2, len(agency) + 1):
            if agency[:end].endswith(self.wording.agency_suffixes):
                self.parts.update(agency[s:end] for s in starts if end - s >= 2)
                self.heads.update(agency[s : s + 2] for s in starts if end - s >= 2)

    def names_place(self, place: str) -> bool:
        """Does an agency of the list name the place, as a whole place: at its start, or after
        a place or an agency (杭州市西湖区…, 杭州市公安局西湖区分局), not inside another place's
        name (西湖区 in 东西湖区市场监督管理局)?"""
        if self.named is None:
            self.text = "\n" + "\n".join(sorted(self.whole))
            self.named = {}
        hit = self.named.get(place)
        if hit is None:
            hit = self.named[place] = self._names_whole(place)
        return hit

    def _names_whole(self, place: str) -> bool:
        before = ("\n", *(s for s, _ in self.wording.place_suffixes), *self.wording.agency_suffixes)
        at = self.text.find(place)
        while at >= 0:
            if self.text[:at].endswith(before):
                return True
            at = self.text.find(place, at + 1)
        return False

    def agency_ends(self, text: str, pos: int, own: frozenset[str], *, whole: bool) -> list[int]:
        """Where the agency names at `pos` end, longest first: the item's own 实施主体 (`own`:
        its key, and without the places in front), or one of the list's (`whole`: an agency
        key as it stands, as at the start of a name; else also without its places, as after
        places: 广安市广安区经信局 beside 区经信局)."""
        if text[pos : pos + 2] not in self.heads and not any(text.startswith(o, pos) for o in own):
            return []  # nearly every name: no agency at pos
        known = self.whole if whole else self.parts
        return [
            end
            for end in range(min(len(text), pos + MAX_AGENCY), pos + 1, -1)
            if (cut := text[pos:end]) in own
            or (cut in known and cut.endswith(self.wording.agency_suffixes))
        ]


@lru_cache(maxsize=1 << 14)
def _own_agency(agency: str, wording: Wording) -> frozenset[str]:
    """An item's own 实施主体 key as a name may start with it: whole, or without the places in
    front of it, at least two characters (区残联: 残联 after 广安市广安区)."""
    if len(agency) < 2:
        return frozenset()
    return frozenset(agency[s:] for s in _agency_starts(agency, wording) if len(agency) - s >= 2)


def may_have_prefix(key: str, wording: Wording) -> bool:
    """Could a name key start with places, a bracket or a level word (set_aside_prefixes)?
    Nearly every name cannot, and is then asked only whether it starts with an agency."""
    pattern = _place_pattern(wording)
    return (
        key.startswith("(")
        or (pattern is not None and pattern.match(key) is not None)
        or key.startswith(_level_words(wording))
    )


@lru_cache(maxsize=64)
def _level_words(wording: Wording) -> tuple[str, ...]:
    return tuple(w for w, _ in wording.level_prefixes)


def agency_level(agency: str, wording: Wording) -> str:
    """The level of an agency key: that of the last place it names (丰产路街道办事处: 乡), or 县
    for a lone 区 or 县 in front (区民政局), 省 for a lone 省 (省交通运输厅); "" when it names
    none, and where a `not_places` word opens it (市场监督管理局 is no city's)."""
    places, _ = read_places(agency, wording, agency=True)
    if places:
        return places[-1][1]
    if len(agency) <= 2 or agency.startswith(wording.not_places):
        return ""
    return dict(wording.place_suffixes).get(agency[:1], "")


def level_prefix(key: str, agency: str, wording: Wording) -> Prefix | None:
    """A generic word naming the kind or level of agency in front of a name (`level_prefixes`:
    乡镇(街道), 街道, 县(区)), set aside like a place where the item's own 实施主体 (`agency`,
    its key) is of the level it names: a township office's 乡镇(街道)最低生活保障审核确认 is
    最低生活保障审核确认 of the 乡 level. Not where a `not_places` word opens the name (乡村医生…)
    or an agency's ending follows the word (街道办事处设立审批 names the office), nor where fewer
    than MIN_STEM_LENGTH characters would be left."""
    word, level = next(((w, lv) for w, lv in wording.level_prefixes if key.startswith(w)), ("", ""))
    if not word or any(key.startswith(n) and len(n) > len(word) for n in wording.not_places):
        return None
    rest = key[len(word) :]
    if rest.startswith(wording.agency_suffixes) or len(name_core(rest)) < MIN_STEM_LENGTH:
        return None
    return Prefix(word, word, level) if agency_level(agency, wording) == level else None


def province_scope(
    key: str, places: tuple[tuple[str, str], ...], wording: Wording
) -> Prefix | None:
    """A province (a place of the 省 level) a name opens with, right before a `province_scoped`
    word: set aside as the 省 scope whatever the list's agencies name (浙江省重点保护野生动物…
    in a county's list is 省重点保护…, not 国家重点保护…). `places`: those read at its start."""
    if not places or places[0][1] != _PROVINCE or not wording.province_scoped:
        return None
    place = places[0][0]
    if not key[len(place) :].startswith(wording.province_scoped):
        return None
    return Prefix(place, place, _PROVINCE)


def separated_agency(name: str, wording: Wording) -> str:
    """The key of an agency a name as written opens with and a separator follows (区市场监管局-
    食品经营许可（变更）, 区卫健委：…): the separator bears out that it labels the name, whatever
    agency it is; "" when there is none. The key has lost the separator, so the name is read."""
    found = _separated_pattern(wording).match(simplify(name))
    return name_key(found.group(1)) if found else ""


def separated_main(name: str, wording: Wording) -> str:
    """The key of a 主项's name a name as written opens with, a dash between it and its 子项's
    own name (广东: 道路运输经营许可—道路旅客运输经营许可（设立）), or "": both sides end with a
    kind of act (`act_words`: 许可, 审批, 登记 …, notes aside), so each is a matter's name and
    the first only says where the second belongs, as a list's 主项名称 column does. The 子项
    may end with actions after its act word (道路旅客运输经营许可—道路旅客运输经营许可延续,
    …许可证变更): it is that 业务办理项 of the matter, its actions read as its own. A 子项
    written as a note or an action alone (建设工程规划许可—新建) is not split so: the note
    readings take it. An agency before a dash is separated_agency's."""
    found = _MAIN_DASH.match(simplify(name))
    if not found:
        return ""
    main, sub = (name_core(name_key(part)) for part in found.groups())
    sub = _without_trailing_actions(sub, wording)
    words = _act_words(wording)
    if len(sub) <= MIN_STEM_LENGTH or not (main.endswith(words) and sub.endswith(words)):
        return ""
    return name_key(found.group(1))


def _without_trailing_actions(text: str, wording: Wording) -> str:
    """The text without the actions it ends with (…许可延续, …许可证变更注销 → …许可, …许可证)."""
    while True:
        spelling = next((s for s, _ in wording.actions if text.endswith(s)), "")
        if not spelling or len(text) - len(spelling) <= MIN_STEM_LENGTH:
            return text
        text = text[: -len(spelling)]


# a 主项's name, a dash (—, ——, –, -, ―) and the 子项's own name
_MAIN_DASH = re.compile(r"\s*([^—–―\-]+?)\s*[—–―\-]+\s*(\S.*)$")


@lru_cache(maxsize=64)
def _separated_pattern(wording: Wording) -> re.Pattern[str]:
    ends = "|".join(map(re.escape, wording.agency_suffixes)) or "(?!)"
    return re.compile(f"\\s*({_IDEOGRAPH}{{1,{MAX_AGENCY}}}?(?:{ends}))\\s*[-—–_:：]")


def set_aside_prefixes(
    records: Sequence[tuple[str, str, str]],
    wording: Wording,
    agencies: Mapping[str, Iterable[str]] | None = None,
) -> list[tuple[Prefix, ...]]:
    """For each (list file, name key, 实施主体 key), the places or agencies in front of the name
    that matching may set aside, longest first (matching tries them in turn), or none. A name's
    prefix is, optionally in brackets (【】 [] 〔〕, read as notes by the key) and followed by
    whatever separator (the key has dropped it):
      - the item's own 实施主体, or another of its list's (区经信局-企业投资项目备案,
        【区行政审批局】公共场所卫生许可);
      - places (read_places) and after them an agency of its list, written as the list's 实施主体
        cells write it or without their places (西湖区市场监督管理局食品经营许可;
        广安市广安区经信局… beside 区经信局, 广安市广安区残联… of 区残联);
      - places alone, where one of them is named by an agency of its list (杭州市西湖区 beside
        西湖区市场监督管理局), or where they start MIN_PREFIX_NAMES names of it (广安市广安区…
        in a list whose agencies are 区经信局, 区教科体局) and none ends in a
        `named_place_suffixes` word (地区: 贫困地区 is a common noun), and such places
        followed by any agency ending in a `plain_agency_suffixes` word (西湖区市场监管局…);
    inside brackets, the whole of what they hold. `agencies` (list file -> 实施主体 keys): a
    list's agencies besides those of the records given (a caller may give only the records
    that may have a prefix: may_have_prefix, or a name starting as an agency's key does).
    The places read may run into the name
    (广安市广安区申领四川省…): the first of them, as many as are borne out, are taken. At least
    MIN_STEM_LENGTH characters of the name must be left, notes aside."""
    lists: dict[str, _ListAgencies] = {}
    runs: Counter[tuple[str, str]] = Counter()
    # per list file and distinct name (a province repeats each name in hundreds of agencies):
    # bracketed, the text read, the places in front and where each ends
    readings: dict[tuple[str, str], tuple[bool, str, tuple[tuple[str, str], ...], list[int]]] = {}
    for file, given in (agencies or {}).items():
        lists[file] = _ListAgencies(wording)
        for agency in given:
            lists[file].add(agency)
    for file, key, agency in records:
        agencies = lists.get(file)
        if agencies is None:
            agencies = lists[file] = _ListAgencies(wording)
        agencies.add(agency)
        if (file, key) in readings:
            continue
        bracketed = key.startswith("(") and ")" in key
        text = key[1 : key.index(")")] if bracketed else key
        places, _ = read_places(text, wording)
        ends = list(itertools.accumulate(len(p) for p, _ in places))
        if not bracketed:
            runs.update((file, text[:end]) for end in ends)
        readings[file, key] = (bracketed, text, places, ends)
    out: list[tuple[Prefix, ...]] = []
    owns: dict[str, frozenset[str]] = {}
    for file, key, agency in records:
        bracketed, text, places, ends = readings[file, key]
        agencies = lists[file]
        kind = level_prefix(key, agency, wording)
        if not (places or bracketed or key[:2] in agencies.heads or key.startswith(agency[:2])):
            out.append((kind,) if kind else ())  # nearly every name: nothing in front
            continue
        own = owns.get(agency)
        if own is None:
            own = owns[agency] = _own_agency(agency, wording)
        found: dict[int, Prefix] = {}
        for k in range(len(places), -1, -1):
            pos = ends[k - 1] if k else 0
            scope, level = places[k - 1] if k else ("", "")
            cuts = agencies.agency_ends(text, pos, own, whole=not k)
            if k and (
                any(agencies.names_place(p) for p, _ in places[:k])
                or (
                    runs[file, text[:pos]] >= MIN_PREFIX_NAMES
                    and not any(p.endswith(wording.named_place_suffixes) for p, _ in places[:k])
                )
            ):
                cuts += _plain_agency_ends(text, pos, wording)
                cuts.append(pos)
            for end in cuts:
                if bracketed and end != len(text):
                    continue
                cut = end + 2 if bracketed else end
                if cut and len(name_core(key[cut:])) >= MIN_STEM_LENGTH:
                    found.setdefault(cut, Prefix(key[:cut], scope, level))
        for extra in (kind, province_scope(key, places, wording)):
            if extra:
                found.setdefault(len(extra.text), extra)
        out.append(tuple(found[c] for c in sorted(found, reverse=True)))
    return out


def _plain_agency_ends(text: str, pos: int, wording: Wording) -> list[int]:
    """Where an agency at `pos` may end that no 实施主体 of the list writes so, after places
    that bear out: a `plain_agency_suffixes` word (市场监管局 beside 市场监督管理局), longest
    first, within MAX_PLAIN_AGENCY characters."""
    return [
        end
        for end in range(min(len(text), pos + MAX_PLAIN_AGENCY), pos + 2, -1)
        if text[pos:end].endswith(wording.plain_agency_suffixes)
    ]


def set_aside(key: str, prefix: Prefix, wording: Wording) -> Parts:
    """The parts of a name key read without the prefix in front of it (set_aside_prefixes), the
    last place of the prefix standing as its scope word where the rest names none: 四川省重点保护
    … is 重点保护… of the 省 level, as 省重点保护… is, and not 国家重点保护…."""
    read = parts(key[len(prefix.text) :] if key.startswith(prefix.text) else key, wording)
    if prefix.scope and not read.scope:
        read = replace(read, scope=prefix.scope, level=prefix.level)
    return replace(read, prefix=prefix.shown)


# --- parts of a matter --------------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """The parts of a matter a name names (named_parts): grades, then one set per part group."""

    rest: str  # the key without them (and without a note they leave empty)
    parts: tuple[frozenset[str], ...]  # per group, grades first: the parts named, or none
    words: tuple[str, ...]  # per group, as the name says them: 二级及以下, 扩建, or ""

    @property
    def said(self) -> str:
        return "、".join(w for w in self.words if w)


@lru_cache(maxsize=1 << 16)
def named_parts(key: str, wording: Wording) -> Named | None:
    """The parts of a matter a name key names, or None when it names none (it names the whole
    matter): grades (a range read as every grade it covers, as grades() reads them in the name
    of a qualification; elsewhere the grade words as written: 三级医院) and the words of each
    `part_groups` group (新建 / 改建 / 扩建; 第三类 read as 三类). A name naming none of a group
    names every part of it: 城市园林绿化企业资质核准 names 一级 and every other grade, and
    企业投资民用机场项目核准 新建 and 扩建 alike."""
    groups: list[frozenset[str]] = []
    words: list[str] = []
    rest = key
    read = grades(key, wording)
    if read is not None:
        groups.append(read.grades)
        words.append(read.said)
        rest = read.rest
    else:
        found = _words_named(key, _grade_words(wording))
        groups.append(frozenset(found))
        words.append("、".join(found))
        ranged = tuple(f"{w}{r}" for w in found for r in _BELOW + _ABOVE)
        rest = _without(rest, (*ranged, *found))
    for group in wording.part_groups:
        found = _words_named(key, group)
        groups.append(frozenset(w.removeprefix("第") for w in found))
        words.append("、".join(found))
        rest = _without(rest, tuple(found))
    if not any(words) or len(name_core(rest)) < MIN_STEM_LENGTH:
        return None
    return Named(re.sub(r"\(\)", "", rest), tuple(groups), tuple(words))


def names_a_part(text: str, wording: Wording) -> bool:
    """Does a text (a note: 施工总承包二级, 扩建) name a part of a matter, a grade or a word of
    a `part_groups` group (named_parts)?"""
    return bool(_words_named(text, _grade_words(wording))) or any(
        _words_named(text, group) for group in wording.part_groups
    )


def _words_named(key: str, group: tuple[str, ...]) -> list[str]:
    """The group's words in a key, in the order of the group, those inside a longer one found
    (三类 in 第三类) left out."""
    found = [w for w in group if w in key]
    return [w for w in found if not any(w != o and w in o for o in found)]


def _without(text: str, words: tuple[str, ...]) -> str:
    """The text without the words, longest first."""
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "")
    return text


def part_conflict(query: str, candidate: str, wording: Wording, *, implementing: bool) -> str:
    """Why `candidate` is not what `query` names by the parts of a matter they name
    (named_parts), or "". A decision row reaches a record naming the parts it names, or some
    of them, never one naming more: 企业投资扩建民用机场项目核准 (扩建 alone) does not reach
    企业投资民用机场项目核准 (新建 still needs 核准), nor 城市园林绿化企业一级资质核准 the matter of
    every grade; the reverse is a reach (the whole cancelled, each part is). A list item looking
    for its catalogue matter (`implementing`) the other way round: it implements a matter
    naming the parts it names or more, never one naming fewer (物业服务企业资质认定（三级、暂定）
    does not implement 物业服务企业一级资质认定)."""
    mine, theirs = named_parts(query, wording), named_parts(candidate, wording)
    if mine is None and theirs is None:
        return ""
    none = (frozenset(),) * (len(wording.part_groups) + 1)
    blank = ("",) * len(none)
    q_parts, q_words = (mine.parts, mine.words) if mine else (none, blank)
    e_parts, e_words = (theirs.parts, theirs.words) if theirs else (none, blank)
    for q, e, q_said, e_said in zip(q_parts, e_parts, q_words, e_words, strict=True):
        broad, narrow = (e, q) if implementing else (q, e)
        if not broad or (narrow and narrow <= broad):
            continue  # the broad side names the whole, or covers what the narrow one names
        if not narrow:
            return f"part '{e_said if implementing else q_said}' named on one side only"
        return f"parts differ ({q_said}≠{e_said})"
    return ""
