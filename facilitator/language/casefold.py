"""Rewriting regexes so they ignore case without the IGNORECASE flag.

Python's regex engine skips an alternative after one character test when the
alternative starts with a plain literal or a character set, but not when it
starts with a case-insensitive literal. Long word lists ("the intern", "the
DBA", two hundred names) are therefore several times faster written as
``[tT][hH][eE]`` than matched with ``re.IGNORECASE``. This module does that
rewrite, leaving ``(?-i:...)`` groups case-sensitive as written.
"""

from __future__ import annotations

_ESCAPE_CLASSES = set("sSdDwWbBAZ")


def without_ignorecase(pattern: str) -> str:
    """Return ``pattern`` rewritten to match letters in either case."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    depth = 0
    sensitive_at: list[int] = []  # paren depths where a (?-i: group started
    while i < n:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            body = pattern[i + 1 : end]
            out.append("[" + (body if sensitive_at else _fold_class(body)) + "]")
            i = end + 1
        elif char == "(":
            depth += 1
            if pattern.startswith("(?-i:", i):
                sensitive_at.append(depth)
                out.append("(?:")
                i += 5
            elif pattern.startswith("(?P<", i):
                close = pattern.index(">", i)
                out.append(pattern[i : close + 1])
                i = close + 1
            elif pattern.startswith("(?", i):
                # (?: (?= (?! (?<= (?<! and (?P=name) carry no letters to fold
                head = 4 if pattern.startswith(("(?<=", "(?<!"), i) else 3
                out.append(pattern[i : i + head])
                i += head
            else:
                out.append(char)
                i += 1
        elif char == ")":
            if sensitive_at and sensitive_at[-1] == depth:
                sensitive_at.pop()
            depth -= 1
            out.append(char)
            i += 1
        elif char == "{":
            close = pattern.find("}", i)
            out.append(pattern[i : close + 1])
            i = close + 1
        elif char.isalpha() and char.lower() != char.upper() and not sensitive_at:
            out.append(f"[{char.lower()}{char.upper()}]")
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _fold_class(body: str) -> str:
    extra: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if i + 2 < len(body) and body[i + 1] == "-" and body[i + 2] != "]":
            low, high = body[i], body[i + 2]
            if low.isalpha() and high.isalpha():
                extra.append(f"{low.swapcase()}-{high.swapcase()}")
            i += 3
            continue
        if body[i].isalpha():
            extra.append(body[i].swapcase())
        i += 1
    return body + "".join(extra)


def lowered_literals(pattern: str) -> str | None:
    """Return ``pattern`` for matching lower-cased text, or None if that would differ.

    Run on text lower-cased with every character kept at its offset, the result matches
    exactly where ``without_ignorecase(pattern)`` matches the text itself, and faster: a
    plain letter is one comparison where ``[tT]`` is a set test, and an alternation of
    words starting with plain letters is skipped one letter at a time. This holds because
    every character that lower-casing changes keeps its class (a letter stays a letter),
    and no character outside ASCII becomes an ASCII letter (except the Kelvin sign, which
    the caller lowers by hand). Anything that could tell the cases apart answers None:
    a ``(?-i:…)`` group, a back reference, inline flags, character codes (``\\x41``),
    letters outside ASCII, a range that mixes letters with other characters.
    """
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 >= n or pattern[i + 1] in "xuUN" or pattern[i + 1].isdigit():
                return None
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            body = _lowered_class(pattern[i + 1 : end])
            if body is None:
                return None
            out.append("[" + body + "]")
            i = end + 1
        elif char == "(":
            if pattern.startswith("(?P<", i):
                close = pattern.index(">", i)
                out.append(pattern[i : close + 1])
                i = close + 1
            elif pattern.startswith(("(?<=", "(?<!"), i):
                out.append(pattern[i : i + 4])
                i += 4
            elif pattern.startswith(("(?:", "(?=", "(?!"), i):
                out.append(pattern[i : i + 3])
                i += 3
            elif pattern.startswith("(?", i):
                return None  # flags, a back reference by name, a conditional, a comment
            else:
                out.append(char)
                i += 1
        elif char == "{":
            close = pattern.find("}", i)
            if close < 0 or any(c.isalpha() for c in pattern[i:close]):
                return None
            out.append(pattern[i : close + 1])
            i = close + 1
        elif char.isalpha():
            if not char.isascii():
                return None
            out.append(char.lower())
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _lowered_class(body: str) -> str | None:
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] in "xuUN" or body[i + 1].isdigit():
                return None
            out.append(body[i : i + 2])
            i += 2
            continue
        if i + 2 < len(body) and body[i + 1] == "-" and body[i + 2] not in "]\\":
            low, high = char, body[i + 2]
            if not _plain_range(low, high):
                return None
            out.append(f"{low.lower()}-{high.lower()}")
            i += 3
            continue
        if char.isalpha():
            if not char.isascii():
                return None
            out.append(char.lower())
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _plain_range(low: str, high: str) -> bool:
    """Whether the range low-high is of ASCII letters of one case, or holds no letter."""
    if low.isascii() and high.isascii() and low.isalpha() and high.isalpha():
        return low.isupper() == high.isupper()
    return not any(chr(c).lower() != chr(c).upper() for c in range(ord(low), ord(high) + 1))
