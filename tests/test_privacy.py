"""Masking examples worked out by hand."""

from __future__ import annotations

import pytest

from catalog_sync.privacy import PERSONAL_FIELDS, mask_id, mask_name, mask_phone


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张*丰"),
        ("欧阳娜娜", "欧**娜"),
        ("张", "*"),
        (" 李四 ", "李*"),
        ("John Smith", "J***"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(given: str | None, masked: str) -> None:
    assert mask_name(given) == masked


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("510104199001011234", "510104********1234"),
        ("51010419900101123X", "510104********123X"),
        ("12345678901", "123456*8901"),
        ("1234567890", "********90"),
        ("AB12", "**12"),
        ("", ""),
    ],
)
def test_mask_id(given: str, masked: str) -> None:
    assert mask_id(given) == masked


@pytest.mark.parametrize(
    ("given", "masked"),
    [
        ("13800138000", "138****8000"),
        ("138 0013 8000", "138****8000"),
        ("+86 13800138000", "138****8000"),
        ("028-85551234", "*******1234"),
        ("12345", "*2345"),
        ("", ""),
    ],
)
def test_mask_phone(given: str, masked: str) -> None:
    assert mask_phone(given) == masked


def test_personal_fields() -> None:
    assert PERSONAL_FIELDS == ("applicant_name", "applicant_id", "applicant_phone")
