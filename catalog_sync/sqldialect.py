"""The few spellings in which DuckDB and Spark SQL differ, so every rule is written once.

A rule (code normalisation, date parsing, the linkage classification, finding ids) is a Python
function returning SQL text for a `Dialect`; both engines run the text it returns. Everything
else in those rules is SQL the two engines read alike (CASE, ||, upper, left, translate, ...).
Regular expressions are kept to what RE2 (DuckDB) and java.util.regex (Spark) read alike:
character classes, `\\x{...}`, `\\p{Z}`, bounded repeats, non-capturing groups; no `\\s` or `\\d`
(their meaning differs), no backreferences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    name: str  # "duckdb" or "spark"

    @property
    def spark(self) -> bool:
        return self.name == "spark"

    def lit(self, text: str) -> str:
        """A string literal. Spark reads backslash escapes in literals; DuckDB does not."""
        if not self.spark:
            return "'" + text.replace("'", "''") + "'"
        out = []
        for ch in text:
            if ch in "\\'":
                out.append("\\" + ch)
            elif ch.isprintable() and ch != "\u3000" or ch == " ":
                out.append(ch)
            elif ord(ch) <= 0xFFFF:
                out.append(f"\\u{ord(ch):04X}")
            else:  # outside the BMP: as its UTF-16 surrogate pair, which Spark joins again
                v = ord(ch) - 0x10000
                out.append(f"\\u{0xD800 + (v >> 10):04X}\\u{0xDC00 + (v & 0x3FF):04X}")
        return "'" + "".join(out) + "'"

    def full_match(self, expr: str, pattern: str) -> str:
        if self.spark:
            return f"({expr} RLIKE {self.lit('^(?:' + pattern + ')$')})"
        return f"regexp_full_match({expr}, {self.lit(pattern)})"

    def search(self, expr: str, pattern: str) -> str:
        """True when the pattern matches anywhere in the text."""
        if self.spark:
            return f"({expr} RLIKE {self.lit(pattern)})"
        return f"regexp_matches({expr}, {self.lit(pattern)})"

    def replace_all(self, expr: str, pattern: str, replacement: str = "") -> str:
        if self.spark:
            return f"regexp_replace({expr}, {self.lit(pattern)}, {self.lit(replacement)})"
        return f"regexp_replace({expr}, {self.lit(pattern)}, {self.lit(replacement)}, 'g')"

    def extract(self, expr: str, pattern: str, group: int) -> str:
        """The group's text, '' when the pattern does not match (both engines)."""
        return f"regexp_extract({expr}, {self.lit(pattern)}, {group})"

    def is_ascii(self, expr: str) -> str:
        if self.spark:
            return f"(octet_length({expr}) = char_length({expr}))"
        return f"(strlen({expr}) = length({expr}))"

    def sha256_hex(self, expr: str) -> str:
        """Lower-case hex SHA-256 of the UTF-8 text."""
        return f"sha2({expr}, 256)" if self.spark else f"sha256({expr})"

    def add_days(self, date: str, days: str) -> str:
        return f"date_add({date}, {days})" if self.spark else f"({date} + {days})"

    def days_between(self, later: str, earlier: str) -> str:
        if self.spark:
            return f"CAST(datediff({later}, {earlier}) AS BIGINT)"
        return f"CAST({later} - {earlier} AS BIGINT)"

    def strip(self, expr: str, characters: str) -> str:
        """Remove the characters from both ends; trimming with a set of characters is slow in
        DuckDB, so only text that starts or ends with one of them is trimmed."""
        chars = self.lit(characters)
        if self.spark:
            return f"trim(BOTH {chars} FROM {expr})"
        return (
            f"(CASE WHEN contains({chars}, left({expr}, 1)) OR contains({chars}, right({expr}, 1))"
            f" THEN trim({expr}, {chars}) ELSE {expr} END)"
        )

    def has(self, expr: str, text: str) -> str:
        """Whether the text occurs in the value (no regular expression: fast)."""
        if self.spark:
            return f"(instr({expr}, {self.lit(text)}) > 0)"
        return f"contains({expr}, {self.lit(text)})"

    def has_expr(self, expr: str, part: str) -> str:
        """Whether the text of the expression `part` occurs in the value."""
        if self.spark:
            return f"(instr({expr}, {part}) > 0)"
        return f"contains({expr}, {part})"

    def before_space(self, expr: str) -> str:
        if self.spark:
            return f"substring_index({expr}, ' ', 1)"
        return f"split_part({expr}, ' ', 1)"


DUCKDB = Dialect("duckdb")
SPARK = Dialect("spark")
