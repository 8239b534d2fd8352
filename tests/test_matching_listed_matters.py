"""A decision row naming several matters (hunt 21b), through the whole pipeline, answers worked
out by hand: its items share one tail, cut where the last item's subject ends, never inside
an action or a qualifier of the tail; later items take a prefix of the first where they are no
name alone; whole names joined by 、, 和, 及 or wrapped in 对…的 are each reached; a reading
that is not unambiguous reaches nothing."""

from __future__ import annotations

from pathlib import Path

from test_matching_kinds import UNRELATED, _cancel, _cancelled, _item, _run

from catalog_sync import vocab


def _matter(code: str, name: str, parent: str = "") -> list[str]:
    return [code, name, "01", "示例部门", parent]


def _reached(result: object) -> set[tuple[str, str]]:
    return set(_cancelled(result))  # type: ignore[arg-type]


def test_the_shared_tail_keeps_its_action(tmp_path: Path) -> None:
    """社会团体、民办非企业单位变更登记 names 社会团体变更登记 and 民办非企业单位变更登记:
    cutting the last subject after 变更 would glue 登记 to 社会团体 and reach the whole
    社会团体登记 with its 成立 and 注销 子项 (until hunt 21b it did)."""
    catalogue = [
        _matter("511A0100000000", "社会团体登记"),
        _matter("511A0100100000", "社会团体成立登记", "511A0100000000"),
        _matter("511A0100200000", "社会团体变更登记", "511A0100000000"),
        _matter("511A0100300000", "社会团体注销登记", "511A0100000000"),
        _matter("511A0200200000", "民办非企业单位变更登记"),
    ]
    items = [
        _item("社会团体登记", "511A0100000001", "区民政局"),
        _item("社会团体成立登记", "511A0100100001", "区民政局"),
        _item("社会团体变更登记", "511A0100200001", "区民政局"),
        _item("社会团体注销登记", "511A0100300001", "区民政局"),
    ]
    result = _run(
        tmp_path, catalogue, {"list.csv": items}, [_cancel("社会团体、民办非企业单位变更登记")]
    )
    assert _reached(result) == {
        ("catalogue", "社会团体变更登记"),
        ("catalogue", "民办非企业单位变更登记"),
        ("list", "社会团体变更登记"),
    }
    row = _cancelled(result)[("list", "社会团体变更登记")]
    assert (
        "the decision row names several matters: '社会团体变更登记' is one of them"
        in (row["evidence"])
    )
    assert not vocab.untranslated("evidence", row["evidence"])


_FOREST = [
    _matter("511A0300100000", "建设项目使用林地审批"),
    _matter("511A0300200000", "建设项目临时使用林地审批"),
    _matter("511A0300300000", "森林经营单位临时使用林地审批"),
]
_FOREST_ITEMS = [
    _item("建设项目使用林地审批", "511A0300100001", "区林业局"),
    _item("建设项目临时使用林地审批", "511A0300200001", "区林业局"),
]


def test_a_qualifier_before_the_shared_tail_is_kept(tmp_path: Path) -> None:
    """建设项目、森林经营单位临时使用林地审批: the last subject may end before 临时 or after
    it; 建设项目临时使用林地审批 is a record, so 临时 qualifies the shared tail and is kept:
    the row names 建设项目临时使用林地审批, never 建设项目使用林地审批 (permanent use, another
    licence; until session 22 neither was reached)."""
    result = _run(
        tmp_path,
        _FOREST,
        {"list.csv": _FOREST_ITEMS},
        [_cancel("建设项目、森林经营单位临时使用林地审批")],
    )
    assert _reached(result) == {
        ("catalogue", "建设项目临时使用林地审批"),
        ("catalogue", "森林经营单位临时使用林地审批"),
        ("list", "建设项目临时使用林地审批"),
    }
    row = _cancelled(result)[("list", "建设项目临时使用林地审批")]
    assert "the shared tail is '临时使用林地审批', its qualifier '临时' kept" in row["evidence"]
    assert not vocab.untranslated("evidence", row["evidence"])


def test_a_catalogue_of_the_bare_name_is_not_reached(tmp_path: Path) -> None:
    """The catalogue lists 建设项目使用林地审批 but not 建设项目临时使用林地审批, which a list
    names: 临时 is still the tail's, and the catalogue's unqualified matter is not reached."""
    result = _run(
        tmp_path,
        [_FOREST[0], _FOREST[2]],
        {"list.csv": _FOREST_ITEMS},
        [_cancel("建设项目、森林经营单位临时使用林地审批")],
    )
    assert _reached(result) == {
        ("catalogue", "森林经营单位临时使用林地审批"),
        ("list", "建设项目临时使用林地审批"),
    }


def test_a_subject_word_before_the_tail_is_no_qualifier(tmp_path: Path) -> None:
    """律师事务所、会计师事务所分所设立审批: 分所 makes another subject (subject_words), so the
    last subject may end after it (律师事务所设立审批) or before it (律师事务所分所设立审批);
    both are matters and neither is reached. The last item itself is."""
    catalogue = [
        _matter("511A1200100000", "律师事务所设立审批"),
        _matter("511A1200200000", "律师事务所分所设立审批"),
        _matter("511A1200300000", "会计师事务所分所设立审批"),
    ]
    result = _run(
        tmp_path, catalogue, {"list.csv": []}, [_cancel("律师事务所、会计师事务所分所设立审批")]
    )
    assert _reached(result) == {("catalogue", "会计师事务所分所设立审批")}


def test_later_items_take_a_prefix_of_the_first(tmp_path: Path) -> None:
    """报告表审批 and 零售单位设立审批 are no names alone: with the first item's 建设项目环境影响
    and 出版物 they are. 出版物出租单位设立审批, a sibling the row does not list, is not reached."""
    catalogue = [
        _matter("511A0400100000", "建设项目环境影响报告书审批"),
        _matter("511A0400200000", "建设项目环境影响报告表审批"),
        _matter("511A0500100000", "出版物批发单位设立审批"),
        _matter("511A0500200000", "出版物零售单位设立审批"),
        _matter("511A0500300000", "出版物出租单位设立审批"),
    ]
    items = [
        _item("建设项目环境影响报告表审批", "511A0400200001", "区生态环境局"),
        _item("出版物零售单位设立审批", "511A0500200001", "区文广旅局"),
        _item("出版物出租单位设立审批", "511A0500300001", "区文广旅局"),
    ]
    decisions = [
        _cancel("建设项目环境影响报告书、报告表审批"),
        _cancel("出版物批发、零售单位设立审批"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, decisions)
    assert _reached(result) == {
        ("catalogue", "建设项目环境影响报告书审批"),
        ("catalogue", "建设项目环境影响报告表审批"),
        ("list", "建设项目环境影响报告表审批"),
        ("catalogue", "出版物批发单位设立审批"),
        ("catalogue", "出版物零售单位设立审批"),
        ("list", "出版物零售单位设立审批"),
    }
    row = _cancelled(result)[("list", "出版物零售单位设立审批")]
    assert (
        "'出版物零售单位设立审批' is one of them, '出版物' carried from the first"
        in (row["evidence"])
    )
    assert not vocab.untranslated("evidence", row["evidence"])


def test_the_first_items_prefix_is_carried_where_the_bare_name_is_a_matter_too(
    tmp_path: Path,
) -> None:
    """国家重点保护水生、陆生野生动物人工繁育许可证核发 names the 国家重点保护 陆生 licence, as
    the tail is shared: the bare 陆生野生动物人工繁育许可证核发 (not nationally protected, another
    matter) is a name too, and until session 23 the last item as written took it. Negative: the
    bare 水生 and 陆生 matters and items are not reached."""
    catalogue = [
        _matter("511A1300100000", "国家重点保护水生野生动物人工繁育许可证核发"),
        _matter("511A1300200000", "国家重点保护陆生野生动物人工繁育许可证核发"),
        _matter("511A1300300000", "陆生野生动物人工繁育许可证核发"),
        _matter("511A1300400000", "水生野生动物人工繁育许可证核发"),
    ]
    items = [
        _item("国家重点保护陆生野生动物人工繁育许可证核发", "511A1300200001", "区林业局"),
        _item("陆生野生动物人工繁育许可证核发", "511A1300300001", "区林业局"),
    ]
    decisions = [_cancel("国家重点保护水生、陆生野生动物人工繁育许可证核发")]
    result = _run(tmp_path, catalogue, {"list.csv": items}, decisions)
    assert _reached(result) == {
        ("catalogue", "国家重点保护水生野生动物人工繁育许可证核发"),
        ("catalogue", "国家重点保护陆生野生动物人工繁育许可证核发"),
        ("list", "国家重点保护陆生野生动物人工繁育许可证核发"),
    }
    row = _cancelled(result)[("list", "国家重点保护陆生野生动物人工繁育许可证核发")]
    assert "'国家重点保护' carried from the first" in row["evidence"]
    assert not vocab.untranslated("evidence", row["evidence"])


def test_a_prefix_the_records_tell_apart_is_never_dropped(tmp_path: Path) -> None:
    """The same row where the catalogue lacks the 国家重点保护 陆生 licence: it holds the first
    item with and without 国家重点保护 (水生), so those words are a qualifier its records tell
    apart, and the bare 陆生 licence (not nationally protected) is not what the row names: it
    and the item implementing it are not reached (until session 23 they were). Negative: the
    国家重点保护 水生 licence and its item are."""
    catalogue = [
        _matter("511A1300100000", "国家重点保护水生野生动物人工繁育许可证核发"),
        _matter("511A1300300000", "陆生野生动物人工繁育许可证核发"),
        _matter("511A1300400000", "水生野生动物人工繁育许可证核发"),
    ]
    items = [
        _item("国家重点保护水生野生动物人工繁育许可证核发", "511A1300100001", "区林业局"),
        _item("陆生野生动物人工繁育许可证核发", "511A1300300001", "区林业局"),
    ]
    decisions = [_cancel("国家重点保护水生、陆生野生动物人工繁育许可证核发")]
    result = _run(tmp_path, catalogue, {"list.csv": items}, decisions)
    assert _reached(result) == {
        ("catalogue", "国家重点保护水生野生动物人工繁育许可证核发"),
        ("list", "国家重点保护水生野生动物人工繁育许可证核发"),
    }


def test_a_prefix_before_parallel_words_is_carried_without_a_bare_record(
    tmp_path: Path,
) -> None:
    """Worked by hand: the catalogue holds 国家重点保护水生… and the bare 陆生… only (no bare
    水生 record tells the prefix apart, no 国家重点保护陆生 record takes it): 水生 and 陆生 are
    one contrast group, so 国家重点保护 qualifies both and the row names 国家重点保护陆生…,
    never the bare 陆生 licence, nor its item (base: both reached, the last item read as
    written). Likewise 出版物批发、零售单位设立审批 (批发/零售) does not reach a bare
    零售单位设立审批. Negative: 普通中小学、幼儿园章程核准 (中小学 and 幼儿园 no such pair)
    still reaches the bare 幼儿园章程核准."""
    catalogue = [
        _matter("511A1300100000", "国家重点保护水生野生动物人工繁育许可证核发"),
        _matter("511A1300300000", "陆生野生动物人工繁育许可证核发"),
        _matter("511A1400100000", "出版物批发单位设立审批"),
        _matter("511A1400200000", "零售单位设立审批"),
        _matter("511A1500100000", "普通中小学章程核准"),
        _matter("511A1500200000", "幼儿园章程核准"),
    ]
    items = [_item("陆生野生动物人工繁育许可证核发", "511A1300300001", "区林业局")]
    decisions = [
        _cancel("国家重点保护水生、陆生野生动物人工繁育许可证核发"),
        _cancel("出版物批发、零售单位设立审批"),
        _cancel("普通中小学、幼儿园章程核准"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, decisions)
    assert _reached(result) == {
        ("catalogue", "国家重点保护水生野生动物人工繁育许可证核发"),
        ("catalogue", "出版物批发单位设立审批"),
        ("catalogue", "普通中小学章程核准"),
        ("catalogue", "幼儿园章程核准"),
    }


def test_a_list_item_without_the_carried_prefix_is_no_listed_subject(tmp_path: Path) -> None:
    """The other way, worked by hand: the catalogue lists 国家重点保护水生、陆生野生动物人工繁育
    许可证核发 as one matter; the list's 国家重点保护陆生… names one of its subjects and
    implements it, the bare 陆生… (not nationally protected) does not (base: it did, and a
    decision cancelling the listed matter reported it cancelled). Negative: the list's
    幼儿园章程核准 still implements 普通中小学、幼儿园章程核准."""
    catalogue = [
        _matter("511A1300000000", "国家重点保护水生、陆生野生动物人工繁育许可证核发"),
        _matter("511A1500000000", "普通中小学、幼儿园章程核准"),
    ]
    items = [  # local codes: matched by name
        _item("国家重点保护陆生野生动物人工繁育许可证核发", "ZT-01", "区林业局"),
        _item("陆生野生动物人工繁育许可证核发", "ZT-02", "区林业局"),
        _item("幼儿园章程核准", "ZT-03", "区教育局"),
    ]
    decisions = [
        _cancel("国家重点保护水生、陆生野生动物人工繁育许可证核发"),
        _cancel("普通中小学、幼儿园章程核准"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": items}, decisions)
    assert {name for source, name in _reached(result) if source == "list"} == {
        "国家重点保护陆生野生动物人工繁育许可证核发",
        "幼儿园章程核准",
    }


def test_whole_names_joined_are_each_reached(tmp_path: Path) -> None:
    """Whole names joined by 、 or 和, or wrapped in 对…的, and a head or tail shared across 及
    and 和 (农药生产及经营许可, 医疗机构设置审批和执业登记): each name is reached. 农药登记, named
    by none of them, is not."""
    catalogue = [
        _matter("511A0600100000", "对外劳务合作经营资格核准"),
        _matter("511A0600200000", "对外承包工程资格审批"),
        _matter("511A0700100000", "建设工程规划许可证核发"),
        _matter("511A0700200000", "乡村建设规划许可证核发"),
        _matter("511A0800100000", "外资银行设立审批"),
        _matter("511A0800200000", "外资保险公司设立审批"),
        _matter("511A0900100000", "农药生产许可"),
        _matter("511A0900200000", "农药经营许可"),
        _matter("511A0900300000", "农药登记"),
        _matter("511A1000100000", "医疗机构设置审批"),
        _matter("511A1000200000", "医疗机构执业登记"),
    ]
    decisions = [
        _cancel("对外劳务合作经营资格核准和对外承包工程资格审批"),
        _cancel("建设工程规划许可证核发、乡村建设规划许可证核发"),
        _cancel("对外资银行、外资保险公司设立的审批"),
        _cancel("农药生产及经营许可"),
        _cancel("医疗机构设置审批和执业登记"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": []}, decisions)
    names = {m[1] for m in catalogue} - {"农药登记"}
    assert _reached(result) == {("catalogue", n) for n in names}


def test_a_row_listing_actions_reaches_no_other_action(tmp_path: Path) -> None:
    """民办学校设立、变更审批 lists actions of one matter: its 终止审批 is not reached."""
    catalogue = [
        _matter("511A1100100000", "民办学校设立审批"),
        _matter("511A1100200000", "民办学校变更审批"),
        _matter("511A1100300000", "民办学校终止审批"),
    ]
    result = _run(tmp_path, catalogue, {"list.csv": []}, [_cancel("民办学校设立、变更审批")])
    assert ("catalogue", "民办学校终止审批") not in _reached(result)
    assert ("catalogue", "民办学校变更审批") in _reached(result)


def test_a_matter_named_with_和_is_not_split(tmp_path: Path) -> None:
    """A catalogue matter named 农作物种子生产和经营许可 is one matter: a decision naming it
    reaches it, not 农作物种子生产许可 or 农作物种子经营许可 (matters of other catalogues)."""
    catalogue = [
        _matter("511A1200100000", "农作物种子生产和经营许可"),
        _matter("511A1200200000", "农作物种子生产许可"),
        _matter("511A1200300000", "农作物种子经营许可"),
        UNRELATED,
    ]
    result = _run(tmp_path, catalogue, {"list.csv": []}, [_cancel("农作物种子生产和经营许可")])
    assert _reached(result) == {("catalogue", "农作物种子生产和经营许可")}
