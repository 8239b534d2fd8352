"""Decision annexes (国发 …): rows naming the matters a decision cancels or delegates.

Annex tables often write the 文号, title, dates and annex only on their first row (merged
cells); those are carried down. The action comes from the 处理决定 column, else from the annex
title (附件1 取消…), else from the sheet's, else from the file name: the first naming any, and
only when it names one kind (取消和调整 names none: the row is rejected). A row with a 证明名称
names a certificate (证明材料) the decision cancels, not a matter: its `name` is the
certificate's. A 生效日期 saying 自发布之日起施行 (公布, 印发; 即日起施行) is the row's 发布日期;
a row naming none is rejected.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..dates import from_publication, parse_date
from ..errors import SourceError
from ..mappings import Mapping, header_key
from ..matching import note_under_main, subject_under_main
from ..model import CANCEL, DELEGATE, OTHER, DecisionItem, SourceRef
from ..normalise import clean_text, is_placeholder, name_key, simplify
from ..wording import Wording, act_endings, agency_level
from .loaded import Loaded
from .tabular import RawTable, iter_records, read_tables

_CARRIED = ("doc_no", "title", "issued_date", "effective_date", "annex")


_UNSPACED = re.compile(r"[\s【】\[\]()（）〔〕]+")


# What a 处理决定 may say before its action word: who hands it down (由省级下放至设区的市) and how
# (直接下放, 部分下放: a part, read by `restriction`).
_LEADING = re.compile(r"^(?:由[^，,。；;]{1,12}?(?=下放|取消)|直接|部分|全部|一律)")


def classify_action(text: str, mapping: Mapping, table: dict[str, list[str]] | None = None) -> str:
    """CANCEL, DELEGATE or OTHER for a 处理决定 text; "" when it names no action. Spaces inside
    the word (取　消, 取  消: tables space a two-character cell out), brackets around it
    (【取消】) and the words before it `_LEADING` reads (由省级, 直接, 部分) are not read."""
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", text or ""))
    if not t:
        return ""
    words = mapping.actions if table is None else table
    if table is None:
        t = _LEADING.sub("", t, count=1)
        for kind in (CANCEL, DELEGATE):
            if any(t.startswith(w) for w in words.get(kind, [])):
                return DELEGATE if kind == CANCEL and _level_handed_down(t, mapping) else kind
        return DELEGATE if _handed_to_a_lower_level(t, text, mapping) else OTHER
    for kind in (CANCEL, DELEGATE):
        if any(w in t for w in words.get(kind, [])):
            return kind
    return ""


def title_action(title: str, mapping: Mapping) -> tuple[str, str]:
    """(CANCEL, DELEGATE or OTHER, "") for an annex, sheet or file title naming ONE kind of action
    (`annex_actions`), ("", why) for one naming several (取消和调整, 取消、下放、告知承诺: its rows
    are of either, a guess would report the kept ones) or a `broad` word (调整: any kind),
    ("", "") for one naming none. Each word
    is read in its own clause: a word followed by 后 says what came before (国务院取消后我省实行告知
    承诺: 告知承诺), and after a `receive` word what is named is what is received (承接国务院下放
    的: 承接, another action)."""
    words = mapping.annex_actions
    t = _without_before(_UNSPACED.sub("", unicodedata.normalize("NFKC", title or "")), words)
    receive = min((t.find(w) for w in words.get("receive", []) if w in t), default=-1)
    acting = [t.find(w) for k in (CANCEL, DELEGATE) for w in words.get(k, []) if w in t]
    if receive >= 0 and all(receive < at for at in acting):
        return OTHER, ""
    words = {**words, OTHER: [*words.get(OTHER, []), *words.get("receive", [])]}
    kinds3 = (CANCEL, DELEGATE, OTHER)
    named = {k: next((w for w in words.get(k, []) if w in t), "") for k in kinds3}
    kinds = [k for k, w in named.items() if w]
    broad = [w for w in words.get("broad", []) if re.search(f"{w}(?!为)", t)]
    if len(kinds) > 1 or broad:
        return "", f"names several actions ({'、'.join([*(named[k] for k in kinds), *broad])})"
    return (kinds[0], "") if kinds else ("", "")


def _without_before(title: str, words: dict[str, list[str]]) -> str:
    """The title without the action words followed by 后 (取消后: what came before)."""
    every = [w for k in (CANCEL, DELEGATE, OTHER, "receive") for w in words.get(k, [])]
    for w in sorted(every, key=len, reverse=True):
        title = title.replace(f"{w}后", "")
    return title


_ABOVE_CITY = frozenset({"省级", "国家级"})


def _handed_to_a_lower_level(text: str, raw: str, mapping: Mapping) -> bool:
    """Whether a 处理决定 opening with a `hand_down` word (交由, 赋予, 下沉) names, in its own
    clause, only levels below the province as the body that now acts (交由设区的市实施, 赋予乡镇
    （街道）行使, 下沉至县级): a delegation said without 下放. One naming no level (交由行业协会
    实施) or the province (交由省级实施) moves the matter elsewhere: another action, and so does
    one naming a body outside government after the level (交由设区的市级行业协会实施). `text`
    is read without its brackets, the clause in `raw`, brackets kept: 市（州）, 县（市、区）."""
    if not any(text.startswith(w) for w in mapping.actions.get(HAND_DOWN, [])):
        return False
    clause = simplify(_after_delegate(re.sub(r"\s+", "", raw), mapping))
    if any(w in clause for w in mapping.actions.get(NOT_GOVERNMENT, [])):
        return False
    levels = mapping.levels_in(clause)
    return bool(levels) and not levels & _ABOVE_CITY


def _level_handed_down(text: str, mapping: Mapping) -> bool:
    """Whether a 取消 of one level's approval is followed by a clause handing it down
    (取消省级审批，下放至设区的市): the matter moves, it is not cancelled."""
    end = _CLAUSE_END.search(text)
    if not end or not mapping.levels_in(text[: end.start()]):
        return False
    after = text[end.end() :]
    return any(after.startswith(w) for w in mapping.actions.get(DELEGATE, []))


# An exclusion note closing a name: （港口理货业务除外）, （除港口理货外）, （不含…）, （不包括…）.
_EXCLUSION = re.compile(
    r"[（(]\s*(?:除(?P<a>[^（）()]+?)(?:以外|外)|(?P<b>[^（）()]+?)(?:除外|以外)"
    r"|不(?:含|包括|包含)(?P<c>[^（）()]+?))\s*[）)]\s*$"
)
_EXCLUSION_SEP = re.compile(r"[、，,和及与]")


def without_exclusion(name: str) -> tuple[str, tuple[str, ...]]:
    """(the name without an exclusion note closing it, the parts the note sets apart)."""
    m = _EXCLUSION.search(name)
    if not m or m.start() < 2:
        return name, ()
    text = m.group("a") or m.group("b") or m.group("c")
    parts = tuple(p.strip() for p in _EXCLUSION_SEP.split(text) if len(p.strip()) >= 2)
    return (name[: m.start()].strip(), parts) if parts else (name, ())


# Words after the action saying it is on part of the matter only: kept parts (保留…), only
# (仅…), part (部分…), a stage (…环节; the `wording.stage_words`: 初审 …), an exception (…除外).
_RESTRICTING = ("保留", "仅", "部分", "环节", "除外", "以外")
# areas a decision may act in alone (在自由贸易试验区内取消): the matter stays elsewhere
_AREAS = ("自由贸易试验区", "自贸试验区", "自贸区", "试验区", "试点")
_AFTERWARDS = "后"  # right after the action: 取消后 … says what follows it
_PAST = "已"  # before the action: 已先行取消 says what was done before
_PART_SEP = re.compile(r"[、，,；;和及与]")
_FILLER = ("该事项", "此事项", "本事项", "该项", "此项", "事项", "行政")


def restriction(
    action_raw: str, action: str, name: str, mapping: Mapping, procedures: bool = True
) -> str:
    """The 处理决定 when the words around its action restrict it to part of the matter:
    取消县级初审环节 (a stage), 取消（保留变更、注销） (kept parts), 部分下放, 取消分立、合并审批 on
    …设立、分立、合并、变更及终止审批 (parts the name lists); "" for the bare action, the action
    with the matter's own name or an act word (取消审批, 取消港口经营审批 on 港口经营许可), or
    another action after it (改为备案). Only the action's own clause is read (up to ，。；):
    what follows says what comes after (取消。取消后，企业仅需备案; 取消审批，保留备案); and
    words that widen it or negate a kept part restrict nothing (取消（含初审）, 不再保留), nor a
    level set apart from a delegation (下放至设区的市（直辖市除外）)."""
    if action not in (CANCEL, DELEGATE):
        return ""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", action_raw or ""))
    text = text.translate(_ROUND)  # 【】〔〕[] as (): a note in brackets either way
    words = mapping.actions.get(action, [])
    at = min((text.find(w) for w in words if w in text), default=-1)
    if at < 0:
        return ""
    word = max((w for w in words if text.startswith(w, at)), key=len)
    before, rest = _own_clause(text, at, word)
    if rest.startswith(_AFTERWARDS):  # 取消后仅需备案: what comes after, the whole is cancelled
        rest = ""
    if _PAST in before:  # 部分地区已先行取消: what was done before this decision
        before = ""
    before, rest = (_without_widening(t, mapping) for t in (before, rest))
    restricting = (*_RESTRICTING, *_AREAS, *mapping.wording.stage_words)
    if any(w in before + rest for w in restricting) or _names_parts(rest, name, mapping):
        return clean_text(action_raw)
    if procedures and action == CANCEL and _names_procedure(rest, name, mapping):
        return clean_text(action_raw)
    return ""


def _names_procedure(rest: str, name: str, mapping: Mapping) -> bool:
    """Whether the words after 取消, the matter's own name set aside, name a procedure,
    condition, material or limit of it (`actions.procedures`: 取消年检, 取消数量限制, 取消申请材料
    中的…): what the decision removes is that, the matter stays. Not a word the matter's
    own name spells, its characters in order (年检 in 企业年度检验, 证明 in
    无犯罪记录证明): there the procedure is the matter itself, and it is cancelled."""
    core = _UNSPACED.sub("", unicodedata.normalize("NFKC", name))
    rest = _UNSPACED.sub("", rest).replace(core, "")
    words = mapping.actions.get("procedures", [])
    return any(w in rest and not _spelled_in(w, core) for w in words)


def _spelled_in(word: str, name: str) -> bool:
    """Whether the characters of `word` occur in `name` in their order (年检 in 企业年度检验)."""
    chars = iter(name)
    return all(c in chars for c in word)


_SPACES = re.compile(r"\s+")
_ROUND = str.maketrans("【〔[】〕]", "((()))")
_CLAUSE_END = re.compile(r"[,.;:。；：]")  # NFKC: ，is a comma
_WIDENING = re.compile(r"\((?:含|包括|包含)[^)]*\)|^(?:含|包括|包含).*")
_LEVEL_APART = re.compile(r"\(([^)]*)(?:除外|以外)\)")
_NEGATED_KEEP = ("不再保留", "不予保留", "不保留")
_PLACE_KINDS = ("直辖市", "自治区", "自治州", "计划单列市", "副省级")


def _restricted(rec: dict[str, str], action: str, name: str, mapping: Mapping) -> str:
    """restriction() of the row's 处理决定, else of its 备注 (a remark naming the action:
    仅取消分立、合并审批; or an area the action is confined to, anywhere in it:
    仅在自由贸易试验区外保留), said with the 处理决定 it restricts."""
    cell = clean_text(rec.get("action"))
    whole = not rec.get("certificate")  # a certificate row: 取消 of the 证明 is all of it
    found = restriction(cell, action, name, mapping, whole)
    remark = clean_text(rec.get("remark"))
    if found or not remark or action not in (CANCEL, DELEGATE):
        return found
    if (
        not restriction(remark, action, name, mapping, whole)
        and not any(a in remark for a in _AREAS)
        and not _kept_before(remark, action, name, mapping)
    ):
        return found  # an area anywhere in it: 仅在自由贸易试验区外保留
    return f"{cell}（备注：{remark}）" if cell else f"备注：{remark}"


def _kept_before(remark: str, action: str, name: str, mapping: Mapping) -> bool:
    """Whether a remark keeps the matter, or a part of it, in a clause of its own before the
    one with the action (保留出版物进口经营单位设立审批，取消其分支机构设立审批 on 出版物进口经营
    单位设立审批; 保留执业药师注册，取消… on 执业药师注册及继续教育审批; 保留其他…): the 处理决定
    acts on the rest only. Keeping something the name does not say (保留备案，取消审批: the
    filing that replaces it) or a kept part negated (不再保留…) restricts nothing."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", remark))
    at = min((text.find(w) for w in mapping.actions.get(action, []) if w in text), default=-1)
    core = _UNSPACED.sub("", unicodedata.normalize("NFKC", name))
    kept = [c[len(_KEEP) :] for c in _CLAUSE_END.split(text[: max(at, 0)]) if c.startswith(_KEEP)]
    if any(
        k.startswith(_THE_REST) or (len(k) >= _MIN_KEPT and (k in core or core in k)) for k in kept
    ):
        return True
    return at >= 0 and _kept_after(text, at, core)


def _kept_after(text: str, at: int, core: str) -> bool:
    """Whether a clause after the action's own keeps the matter or a part its name says
    (取消其分支机构设立审批，保留出版物进口经营单位设立审批): the same remark with its clauses in
    the other order. Only what the name holds counts here (k in core), never more than it
    (保留对…设立审批的事中事后监管 keeps the oversight of a cancelled approval, not the
    approval)."""
    end = _CLAUSE_END.search(text, at)
    after = _CLAUSE_END.split(text[end.end() :]) if end else []
    kept = [c[len(_KEEP) :] for c in after if c.startswith(_KEEP)]
    return any(k.startswith(_THE_REST) or (len(k) >= _MIN_KEPT and k in core) for k in kept)


_KEEP, _THE_REST, _MIN_KEPT = "保留", ("其他", "其余", "其它"), 4


def _own_clause(text: str, at: int, word: str) -> tuple[str, str]:
    """The words before and after the action word `word` at `at`, within its clause."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    end = _CLAUSE_END.search(text, at + len(word))
    return text[start:at], text[at + len(word) : end.start() if end else len(text)]


def _without_widening(text: str, mapping: Mapping) -> str:
    """A clause without what widens the action or negates a kept part (（含初审）, 不再保留)
    and without a level or kind of place set apart (（直辖市除外）): none names a part."""
    text = _WIDENING.sub("", text)
    for negated in _NEGATED_KEEP:
        text = text.replace(negated, "")

    def level(m: re.Match[str]) -> str:
        apart = m.group(1)
        return "" if mapping.levels_in(apart) or any(k in apart for k in _PLACE_KINDS) else m[0]

    return _LEVEL_APART.sub(level, text)


def _names_parts(rest: str, name: str, mapping: Mapping) -> bool:
    """Whether the words after the action name some of the parts the row's name lists. The
    matter's own name again, with its act word or another (港口经营审批 for 港口经营许可), is the
    whole matter."""
    acts = sorted(mapping.wording.act_words, key=len, reverse=True)

    def stem(text: str) -> str:
        return next((text.removesuffix(a) for a in acts if text.endswith(a)), text)

    core = _UNSPACED.sub("", unicodedata.normalize("NFKC", name))
    rest = _UNSPACED.sub("", rest).replace(core, "")  # the matter's own name: the whole
    for seg in _PART_SEP.split(rest):
        seg = stem(seg)
        if len(seg) >= 2 and seg not in _FILLER and seg in core and seg not in (core, stem(core)):
            return True
    return False


def _delegated_levels(
    rec: dict[str, str], action: str, action_raw: str, mapping: Mapping
) -> frozenset[str]:
    """The levels a 下放 row hands the matter to: named in its 下放后审批部门 cell (or that of
    the body it names: 市市场监管部门), else in the
    处理决定's own clause after its 下放 (下放至设区的市; not 省级 in …，省级部门不再保留审批权),
    else in a 备注 opening with 下放 (调整方式 下放, 备注 下放至设区的市交通运输主管部门: a
    provincial order's annex); none when none names one. Traditional characters read as
    simplified (設區的市)."""
    if action != DELEGATE:
        return frozenset()
    cell = simplify(clean_text(rec.get("delegated_to")))
    return (
        _body_levels(cell, mapping)
        or mapping.levels_in(simplify(_after_delegate(action_raw, mapping)))
        or mapping.levels_in(simplify(_remark_delegation(rec, mapping)))
    )


def _remark_delegation(rec: dict[str, str], mapping: Mapping) -> str:
    """The words after the 下放 (至/到/给) a 备注 opens with, up to the end of that clause, or
    "": a remark saying where the row hands the matter when its 处理决定 is the bare word.
    Only a remark opening so: 不再下放至县级 or 原由省级下放 say something else."""
    remark = clean_text(rec.get("remark"))
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", remark))
    if not any(t.startswith(w) for w in mapping.actions.get(DELEGATE, [])):
        return ""
    return _after_delegate(remark, mapping)


_ANY_CLAUSE_END = re.compile(r"[,.;:，。；：]")
HAND_DOWN = "hand_down"  # `actions.hand_down`: 交由, 赋予, 下沉 (delegating where a level follows)
NOT_GOVERNMENT = "hand_down_not_government"  # 协会, 企业 …: a hand_down to them delegates nothing


def _delegate_to(mapping: Mapping) -> re.Pattern[str]:
    """下放 (至/到/给), or a `hand_down` word (交由, 下沉至), before where the matter goes."""
    words = (*mapping.actions.get(DELEGATE, []), *mapping.actions.get(HAND_DOWN, []))
    return _words_then_to(tuple(sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=8)
def _words_then_to(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"(?:{'|'.join(map(re.escape, words))})(?:至|到|给)?")


def _after_delegate(action_raw: str, mapping: Mapping) -> str:
    """The words after a 处理决定's 下放 (至/到/给), or its 交由/赋予/下沉, up to the end of its
    clause (，；。): what follows says what else holds (不再下放至县级), not where it goes."""
    m = _delegate_to(mapping).search(action_raw)
    rest = action_raw[m.end() :] if m else action_raw
    end = _ANY_CLAUSE_END.search(rest)
    return rest[: end.start()] if end else rest


def _taken_from_levels(rec: dict[str, str], action: str, mapping: Mapping) -> frozenset[str]:
    """The levels a 下放 row takes the matter from: those its 原实施机关 (原审批部门, 原实施层级 …)
    cell names (省级, 省、市两级), else the level of the body it names (省交通运输厅,
    浙江省自然资源厅: 省级), and of each agency it lists beside level words (省农业农村厅、
    市（州）农业农村部门: 省级 and 市级); none when it names neither."""
    if action != DELEGATE:
        return frozenset()
    cell = clean_text(rec.get("department"))
    return _body_levels(cell, mapping) | _listed_agency_levels(cell, mapping)


def _body_levels(cell: str, mapping: Mapping) -> frozenset[str]:
    """The levels a cell naming a body names (省级交通运输主管部门, 市、县人民政府), else the
    level of the body itself (省交通运输厅, 杭州市交通运输局: wording.agency_level), which also
    comes before the national reading of a ministry's ending (省发展改革委 is a province's
    commission, 发展改革委 alone the State Council's)."""
    found = mapping.levels_in(cell)
    if (found and found != {"国家级"}) or not cell:
        return found
    level = _agency_level_of(cell, mapping)
    return frozenset({f"{level}级"}) if level else found


_BODY_SEP = re.compile(r"[、，,；;/]")


def _listed_agency_levels(cell: str, mapping: Mapping) -> frozenset[str]:
    """The levels of the agencies a cell lists beside level words (省农业农村厅、市（州）农业
    农村部门: 省级 beside 市级): each named body is a level the matter is taken from."""
    parts = (p.strip() for p in _BODY_SEP.split(cell))
    agencies = (p for p in parts if p.endswith(mapping.wording.agency_suffixes))
    levels = (_agency_level_of(a, mapping) for a in agencies)
    return frozenset(f"{lv}级" for lv in levels if lv)


def _agency_level_of(body: str, mapping: Mapping) -> str:
    return agency_level(name_key(body, mapping.level_qualifiers), mapping.wording)


def _entrusted(
    rec: dict[str, str], action: str, action_raw: str, mapping: Mapping
) -> tuple[str, str]:
    """(action, its words) of a row, a 下放 row saying 委托 read as another action: under 委托
    the power stays with the body that entrusts (the entrusted one acts in its name), so no
    item has to move. Said in its 下放后实施机关 (委托设区市…实施), in a bracket of its 处理决定
    (下放至设区的市（委托实施）) or in a 备注 saying so (委托设区市人社部门实施)."""
    if action != DELEGATE:
        return action, action_raw
    cell = clean_text(rec.get("delegated_to"))
    if _says_entrust(cell, mapping):
        return OTHER, cell
    text = unicodedata.normalize("NFKC", action_raw).translate(_ROUND)
    if any(_says_entrust(b, mapping) for b in _BRACKETED.findall(text)):
        return OTHER, action_raw
    remark = clean_text(rec.get("remark"))
    if _says_entrust(remark, mapping) and any(w in remark for w in _ENTRUSTED_ACTS):
        return OTHER, f"{action_raw}（备注：{remark}）"
    return action, action_raw


def _reform_delegation(
    rec: dict[str, str], action: str, action_raw: str, mapping: Mapping
) -> tuple[str, str]:
    """(action, its words) of a row whose 处理决定 is another action (优化审批服务, a 证照分离
    改革方式) and whose 具体改革举措 hands the matter down in a clause of its own (下放审批权限，
    将审批权限由省级下放至县级): a delegation, its words the 处理决定 with that clause, so the
    level it names is read as a 处理决定's (its 下放后 cell, 审批层级和部门, first) and a
    restriction in it (部分下放) as one. A clause not opening the 下放 (不再下放, 委托下放) is not
    read; any other action stays as it is."""
    if action != OTHER:
        return action, action_raw
    measures = clean_text(rec.get("reform_measures"))
    if _PILOT_ONLY.search(unicodedata.normalize("NFKC", measures)):
        return action, action_raw  # 下放至区级（限…自由贸易试验区）: no delegation province-wide
    handing = [c.strip() for c in _MEASURE_CLAUSES.split(measures) if _hands_down(c, mapping)]
    if not handing:
        return action, action_raw
    # the clause naming where to (下放审批权限：将审批权限由省级下放至县级: the second)
    named = [c for c in handing if mapping.levels_in(simplify(_after_delegate(c, mapping)))]
    return DELEGATE, f"{action_raw}（具体改革举措：{(named or handing)[0]}）"


_MEASURE_CLAUSES = re.compile(r"[。；;：:\n]|(?<![\d.])\d{1,2}[.、)）]")
# what may come before 下放 in a measure: the power named (将审批权限, 将…审批权) and from whom
_HANDED = re.compile(r"^(?:将|把)?[^，,。；;]{0,16}?(?:由[^，,。；;]{1,8}?)?(?=下放)")
# a measure limited to a pilot zone (自由贸易试验区, 试点, （限…）) hands nothing down where the
# list's items stand (the session-23 rehunt: two provincial items reported delegated)
_PILOT_ONLY = re.compile(r"自由贸易试验区|自贸试验区|自贸区|试验区|试点|[(（]限")
# 下放后 / 下放的 / 下放前 speaks of a delegation made, not one this measure makes
_DELEGATION_MADE = ("后", "的", "前")


def _hands_down(clause: str, mapping: Mapping) -> bool:
    """Whether a measure's clause hands the matter down: it opens with 下放 (下放审批权限) or
    with the power and who gives it (将审批权限由省级下放至县级), no 不/委托 before that 下放,
    no 后/的/前 after it (下放后，省级部门加强事中事后监管 speaks of a delegation made)."""
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", clause))
    m = _HANDED.match(t)
    if not m or any(w in m.group(0) for w in ("不", "委托", "暂")):
        return False
    return any(
        t.startswith(w, m.end()) and not t.startswith(_DELEGATION_MADE, m.end() + len(w))
        for w in mapping.actions.get(DELEGATE, [])
    )


_BRACKETED = re.compile(r"\(([^()]*)\)")
_ENTRUSTED_ACTS = ("实施", "行使", "办理")  # a 备注 委托…实施: the matter is done on trust


def _says_entrust(text: str, mapping: Mapping) -> bool:
    """Whether the words start with an `actions.entrust` word (委托…), spaces aside: 不得委托
    or 不含委托 says no 委托."""
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", text or ""))
    return any(t.startswith(w) for w in mapping.actions.get("entrust", []))


def _delegated_to(rec: dict[str, str], action: str, action_raw: str, mapping: Mapping) -> str:
    """Where a row hands the matter: its 下放后审批部门 cell, else the words of a 处理决定 naming a
    level (下放至设区的市 -> 设区的市), else those of a 备注 opening with 下放
    (_remark_delegation)."""
    cell = clean_text(rec.get("delegated_to"))
    if cell or action != DELEGATE:
        return cell
    for words in (_after_delegate(action_raw, mapping), _remark_delegation(rec, mapping)):
        if mapping.levels_in(simplify(words)):
            return words
    return ""


def load_decisions(path: Path, display: str, mapping: Mapping) -> Loaded[DecisionItem]:
    """The decision rows of one file, of each sheet holding a table (附件1 取消, 附件2 下放):
    what a merged cell left blank carried down from the row above, each row refused with its
    reason when it cannot be placed (no name, no action, no 文号, no date)."""
    tables = read_tables(path, display, "decisions", mapping)
    return Loaded.joined(display, [_decisions(t, path.stem, mapping) for t in tables])


def _decisions(table: RawTable, stem: str, mapping: Mapping) -> Loaded[DecisionItem]:
    """A table's decision rows. A row naming no action takes its annex title's, else its
    sheet's name's (附件2 下放), else the file name's (`stem`)."""
    display = table.file
    _receiving_column(table)
    out: Loaded[DecisionItem] = Loaded.of(table)
    out.warnings.extend(_unread_columns(table))
    carried: dict[str, str] = {}
    rows = list(iter_records(table))
    fold_sub_items([rec for _, rec in rows], mapping.wording)
    headings = fold_sub_rows([rec for _, rec in rows], mapping.wording)
    outer = _outer_title(table.sheet, stem, mapping)
    for i, (rownum, rec) in enumerate(rows):
        carried = _carry_down(rec, carried)
        if i in headings:
            out.warnings.append(_heading_note(display, rownum, rec))
            continue
        certificate = clean_text(rec.get("certificate"))
        name, excluded = without_exclusion(certificate or clean_text(rec.get("name")))
        if not name:
            out.reject(rownum, f"{table.header_of('name')} is empty", table.header_of("name"))
            continue
        dates = {}
        for f in ("issued_date", "effective_date"):
            if f == "effective_date" and from_publication(rec.get(f)):
                dates[f] = dates["issued_date"]  # 自发布之日起施行: the row's 发布日期
                continue
            try:
                dates[f] = parse_date(rec.get(f))
            except ValueError as e:
                raise SourceError(display, str(e), row=rownum, column=table.header_of(f)) from None
        if dates["effective_date"] is None and from_publication(rec.get("effective_date")):
            out.reject(rownum, *_no_publication_date(table, rec["effective_date"]))
            continue
        action, action_raw, why = _action(rec, mapping, outer)
        action, action_raw = _reform_delegation(rec, action, action_raw, mapping)
        action, action_raw = _entrusted(rec, action, action_raw, mapping)
        retyped = retyped_to(action_raw, mapping)
        action = retyping_cancels(action, retyped)
        doc_no = clean_text(rec.get("doc_no"))
        refused = _refusal(table, action, doc_no, dates, why)
        if refused:
            out.reject(rownum, *refused)
            continue
        out.records.append(
            DecisionItem(
                ref=SourceRef(display, rownum),
                doc_no=doc_no,
                title=clean_text(rec.get("title")),
                issued_date=dates["issued_date"],
                effective_date=dates["effective_date"],
                annex=clean_text(rec.get("annex")),
                seq=clean_text(rec.get("seq")),
                name=name,
                department=clean_text(rec.get("department")),
                by_law=clean_text(rec.get("by_law")),
                action_raw=action_raw,
                action=action,
                delegated_to=_delegated_to(rec, action, action_raw, mapping),
                certificate=bool(certificate),
                delegated_levels=_delegated_levels(rec, action, action_raw, mapping),
                taken_from_levels=_taken_from_levels(rec, action, mapping),
                restriction=_restricted(rec, action, name, mapping),
                excluded=excluded,
                retyped_to=retyped,
            )
        )
    return out


# 调整为行政确认, 改为其他行政权力, 转为公共服务事项, 审批改为备案: the words naming the type a
# matter takes (up to 的: 调整为行政确认的事项, an annex title).
_RETYPED = re.compile(r"(?:调整|改|转|变更|划转)为([^，,。；;、（）()\s的]+)")
# what says how the type is managed after it (备案管理, 备案制, 备案制管理): not part of the type
_MANAGED = ("制管理", "管理", "制")


def retyped_to(action_raw: str, mapping: Mapping) -> str:
    """The 事项类型 a 处理决定 gives the matter instead of the one it cancels, "" when it
    names none: only a type the dictionary knows, 管理 or 制 after it aside (改为备案管理 gives
    备案, which task_types reads as 其他行政权力, the type lists give their filings; 改为后置审批
    and 实行告知承诺 name no type)."""
    for m in _RETYPED.finditer(unicodedata.normalize("NFKC", action_raw or "")):
        word = m.group(1)
        word = next((word.removesuffix(s) for s in _MANAGED if word.endswith(s)), word)
        canonical = mapping.task_type(word)
        if canonical and mapping.known_task_type(canonical):
            return canonical
    return ""


def retyping_cancels(action: str, retyped: str) -> str:
    """A 处理决定 giving the matter another 事项类型 without a 取消 word (审批改为备案, 调整为行政
    确认: the 证照分离 annexes' 改革方式) cancels it as of its old type, as 取消行政许可，调整为
    行政确认 says in full: CANCEL, so a record still of that type is reported and told to
    retype (checks/decisions: one already of the new type is not). Any other action as it is."""
    return CANCEL if action == OTHER and retyped else action


# A sub-row's number: （1） (一) ① …, or 1. 1、 1． (not a decimal: 1.5吨) before its part's name.
_SUB_MARK = re.compile(
    r"^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|[①-⑳]|\d{1,2}\s*[.、．](?!\d))\s*"
)
# A section of an annex written in the name column (一、取消的事项): no heading of the rows below.
_SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")
# A count of the rows a section holds, closing its name: 省教育厅（2项）, （共3项）, 共3项.
_SECTION_COUNT = re.compile(r"[（(]?\s*共?\s*\d{1,3}\s*[项条个]\s*[）)]?\s*$")
# What a sub-row without its own cell takes from its heading row.
_FROM_HEADING = ("action", "department", "by_law", "delegated_to", "measures", "remark")


def sub_row_part(name: str) -> str:
    """The part a numbered sub-row names (（1）施工总承包三级资质 -> 施工总承包三级资质), or ""."""
    m = _SUB_MARK.match(name or "")
    return name[m.end() :].strip() if m else ""


def part_of(parent: str, part: str, wording: Wording) -> str:
    """The sub-row read as the heading's part: 建筑业企业资质认定（施工总承包三级）. A tail of the
    part that is the heading's own head, the words it ends with before its act word or without
    one, is not repeated (施工总承包三级资质 under 建筑业企业资质认定, 电梯安装改造维修许可 under
    特种设备安装改造维修许可 -> （电梯）); a tail said elsewhere in the heading names the part
    (无损检测人员 under 特种设备检验检测人员资格认定 stays whole)."""
    ends = ("", *act_endings(wording))
    for n in range(len(part) - 2, 1, -1):
        if any(parent.endswith(part[-n:] + act) for act in ends):
            part = part[:-n]
            break
    return f"{parent}（{part}）"


def is_section(name: str, wording: Wording) -> bool:
    """A row of the name column that groups the rows below it rather than naming a matter:
    a section (一、取消的事项), a department of a level (（二）省教育厅, 省文化和旅游厅) or one
    counting its rows (（共2项）). The 1. 2. rows under it are matters of their own."""
    if _SECTION.match(name or ""):
        return True
    named = (sub_row_part(name) or name or "").strip()
    text = _SECTION_COUNT.sub("", named).strip()
    return text != named or _names_department(text, wording)


def _names_department(text: str, wording: Wording) -> bool:
    """A body of a level (省教育厅, 市自然资源局), not a kind of body a part may name (1.诊所)."""
    return text.endswith(wording.agency_suffixes) and bool(agency_level(text, wording))


# A sub-row mark of the kind annexes keep for parts: （1） (一) ①, not 1. 1、 1．.
_PART_MARK = re.compile(r"^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|[①-⑳])")
_TRAILING_NOTES = re.compile(r"(?:[（(][^（）()]*[）)]\s*)+$")


def heads_parts(head: str, sub: str, wording: Wording) -> bool:
    """Whether a row heads the numbered row under it as its matter: a 1. 1、 row is a part only
    under a matter's name, ending with an act word (notes aside: 特种设备检验检测人员资格认定);
    under a group of rows (行政许可类, 交通运输, 省政府决定取消的行政许可事项) it is a matter of
    its own, as lists number theirs. A （1） or ① row is a part as before."""
    if _PART_MARK.match(sub):
        return True
    return _TRAILING_NOTES.sub("", head.strip()).endswith(act_endings(wording))


def fold_sub_rows(recs: list[dict[str, str]], wording: Wording) -> set[int]:
    """Rows followed by their numbered sub-rows (same 序号, or none) are headings: each
    sub-row becomes the heading's part, with the heading's cells where its own are empty.
    The indices of the headings, which name no decision of their own."""
    headings: set[int] = set()
    parent: int | None = None
    for i, rec in enumerate(recs):
        if is_section(rec.get("name", ""), wording):
            parent = None
            continue
        part = sub_row_part(rec.get("name", ""))
        if not part:
            parent = i if rec.get("name") else None
            continue
        if parent is None or rec.get("seq", "") not in ("", recs[parent].get("seq", "")):
            continue
        if not heads_parts(recs[parent]["name"], rec["name"], wording):
            continue
        head = recs[parent]
        headings.add(parent)
        rec["name"] = part_of(head["name"], part, wording)
        for f in (*_FROM_HEADING, *_CARRIED):
            if not rec.get(f) and head.get(f):
                rec[f] = head[f]
    return headings


def fold_sub_items(recs: list[dict[str, str]], wording: Wording) -> None:
    """Rows of an annex naming a 子项 beside its 事项 (事项名称 | 子项名称, as provincial
    decisions on 行政权力事项 write them) are on that 子项, not on the whole 事项: the row's
    name becomes the 子项 read under its 主项 (sub_item_read). A 子项 whose 事项名称 is blank
    takes the one above (the 主项 written once over its 子项). A row with no 子项, or one saying
    it has none (无, 无子项, 不涉及, /: normalise.is_placeholder), is on the whole 事项."""
    main = ""
    for rec in recs:
        own = clean_text(rec.get("name"))
        sub = clean_text(rec.get("sub_name"))
        if is_placeholder(sub):
            sub = ""
        if own:
            main = own
        if sub:
            rec["name"] = sub_item_read(sub, own or main, wording)


def sub_item_read(sub: str, main: str, wording: Wording) -> str:
    """A decision's 子项 as a name of its own: one naming no matter of its own read as its 主项's
    note (变更 or 注销登记 under 社会团体登记 is 社会团体登记（注销）, 诊所 under 医疗机构执业登记
    is 医疗机构执业登记（诊所）), one naming a subject with the 主项's tail read with it
    (subject_under_main), else as written (出版物批发单位设立审批 under
    出版物发行单位设立、变更审批). Cancelling the 主项 through it would cancel the 子项 the
    decision keeps."""
    if not main or name_key(sub) == name_key(main):
        return sub or main
    note = note_under_main(sub, main, wording)
    if note:
        return f"{main}（{note}）"
    return subject_under_main(sub, main, wording) or sub


# A heading naming where a delegation hands the matter, however the annex words it: 下放后审批层级,
# 调整后实施机关, 下放后的管理层级, 承接单位 (`columns.decisions.delegated_to` lists exact ones).
_RECEIVING_HEADING = re.compile(
    r"^(?:(?:下放|调整)后的?|承接)[^,，、]{0,4}?(?:层级|机关|部门|单位|主体)$"
)


def _receiving_column(table: RawTable) -> None:
    """Take a column whose heading is of the `_RECEIVING_HEADING` class as the 下放后审批部门
    when no alias named one: an unknown heading must not drop the receiving level."""
    if "delegated_to" in table.columns:
        return
    used = set(table.columns.values())
    for i, h in enumerate(table.headers):
        if i not in used and _RECEIVING_HEADING.match(header_key(h)):
            table.columns["delegated_to"] = i
            return


def _unread_columns(table: RawTable) -> list[str]:
    """A warning naming the file's columns no field reads: what they say is not used."""
    used = set(table.columns.values())
    unread = [h for i, h in enumerate(table.headers) if h.strip() and i not in used]
    if not unread:
        return []
    names = ", ".join(f"'{h}'" for h in unread)
    return [f"{table.file}: column {names} not read (no field of a decision file by that name)"]


def _heading_note(display: str, rownum: int, rec: dict[str, str]) -> str:
    return (
        f"{display} row {rownum}: '{rec.get('name', '')}' is the heading of the numbered "
        "sub-rows below it: the decision is on those parts, not on the whole matter"
    )


def _carry_down(rec: dict[str, str], carried: dict[str, str]) -> dict[str, str]:
    """Fill the row's blank _CARRIED cells from the rows above (a merged cell of the annex);
    what is carried now. Another 文号 starts afresh: its title, dates and annex are its own."""
    if rec.get("doc_no") and rec["doc_no"] != carried.get("doc_no"):
        carried = {}
    for f in _CARRIED:
        if rec.get(f):
            carried[f] = rec[f]
        elif f in carried:
            rec[f] = carried[f]
    return carried


_Title = tuple[str, str, str]  # (action, the title, why none)


def _outer_title(sheet: str, stem: str, mapping: Mapping) -> _Title:
    """The action of the sheet's name when it names any (附件3 实行告知承诺的事项 in a workbook
    named 关于取消和下放…: the sheet's own), else of the file name."""
    for title in (sheet, stem):
        action, why = title_action(title, mapping)
        if action or why:
            return action, title, why
    return "", stem, ""


def _action(rec: dict[str, str], mapping: Mapping, outer: _Title) -> tuple[str, str, str]:
    """(action, its words, why none): the row's 处理决定, else its annex title's, else the
    sheet's or file name's (`outer`). A title naming several actions gives none, unless it
    names 下放 and the row's 下放后审批部门 is filled: that cell shows the row is delegated."""
    action_raw = clean_text(rec.get("action"))
    action = classify_action(action_raw, mapping)
    if action:
        return action, action_raw, ""
    annex = clean_text(rec.get("annex"))
    found, why = title_action(annex, mapping)
    title = annex
    if not (found or why):
        found, title, why = outer
    delegating = any(w in title for w in mapping.annex_actions.get(DELEGATE, []))
    to = clean_text(rec.get("delegated_to"))
    if why and delegating and to:
        return DELEGATE, action_raw or f"{title}（下放后：{to}）", ""
    return found, action_raw or title, (f"the title '{title}' {why}" if why else "")


def _no_publication_date(table: RawTable, wording: str) -> tuple[str, str]:
    """(reason, column) for a row in force from its 发布日期 that names none."""
    column = table.header_of("effective_date")
    return (
        f"{column} '{clean_text(wording)}' means in force from the "
        f"{table.header_of('issued_date')}, and neither the row nor a row above "
        "gives one",
        column,
    )


def _refusal(
    table: RawTable, action: str, doc_no: str, dates: dict[str, date | None], why: str = ""
) -> tuple[str, str] | None:
    """(reason, column) when a named row cannot be a decision item, the first check failing."""
    if not action:
        return (
            f"no 处理决定 on the row and {why}: its action is unknown"
            if why
            else "no 处理决定 on the row and neither the annex title nor the file name names one "
            "(取消 / 下放)",
            table.header_of("action"),
        )
    if not doc_no:
        return (
            f"{table.header_of('doc_no')} is empty and no row above names one",
            table.header_of("doc_no"),
        )
    if dates["issued_date"] is None and dates["effective_date"] is None:
        return (
            "neither 发布日期 nor 生效日期 is given, so it is unknown when it takes effect",
            table.header_of("effective_date"),
        )
    return None
