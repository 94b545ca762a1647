"""Blanking out text the checker must not read: code, links, quotations and identifiers.

Masked spans are replaced by spaces of the same length, so offsets found in the
masked text are offsets in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Curly apostrophes become straight ones so every rule needs to spell contractions once.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})

_MASK = re.compile(
    "|".join(
        [
            r"```.*?```",  # fenced code
            r"`[^`\n]+`",  # inline code
            r"\b(?:https?|ftp|file)://[^\s<>\"]+",  # URLs
            r"\bwww\.[^\s<>\"]+",
            r"\b[\w.+-]+@[\w-]+\.[\w.-]+",  # e-mail addresses
            r"(?<![\w/])(?:/[\w.-]+){2,}/?",  # file paths
            r"\b\w*_\w*",  # snake_case identifiers: failed_to_connect
            r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b",  # camelCase: failedToConnect
            r"\b(?:[A-Z][a-z0-9]+){2,}\b",  # PascalCase: FailedToStart
            r"\b\w+(?:\.\w+)+(?:\(\))?",  # dotted names: retry.policy, cfg.load()
            r"(?<![\w-])--?[a-z][\w-]*",  # command-line flags: --force
            # Quotations mention wording rather than use it: "human error" as a rule name.
            r"\"[^\"\n]{1,300}\"",
            "\u201c[^\u201d\n]{1,300}\u201d",
            "\u2018[^\u2018\n]{1,300}?\u2019(?!\\w)",
            r"(?<![\w'])'(?=\S)(?:[^'\n]|'(?=\w)){1,300}?(?<=\S)'(?!\w)",
        ]
    ),
    re.DOTALL,
)


# Every masked form contains one of these characters. The pattern starts with a
# single character set, so the regex engine skips ordinary prose in C; the tests that
# follow (written as lookarounds) decide whether a hit is worth a closer look, so
# capitalised sentence starts, contractions and full stops cost no Python.
_CANDIDATE = re.compile(
    "[`_@/\"\u201c\u2018'.\\-A-Z](?:"
    + "|".join(
        [
            '(?<=[`_@/"\u201c\u2018])',
            r"(?<=[^\W_]\.)(?=\w)",  # dotted name: retry.policy
            r"(?<=')(?<![^\W_]')(?<!'')(?=\S)",  # an opening single quote, not an apostrophe
            r"(?<=-)(?=-)|(?<=-)(?<![^\W_]-)(?<!--)(?=[^\W\d_])",  # --flag, -x
            r"(?<=[a-z][A-Z])",  # camelCase
            r"(?<=[A-Z])(?=[^\W_]*?[a-z][A-Z])",  # PascalCase
        ]
    )
    + ")"
)
_QUOTES = "\"\u201c\u2018'"


def normalise(text: str) -> str:
    """Return ``text`` with typographic apostrophes straightened (same length)."""
    return text.translate(_APOSTROPHES) if "\u2019" in text or "\u02bc" in text else text


def mask_points(text: str) -> list[int]:
    """Return the offsets in ``text`` where something to mask may begin, in order.

    A sentence (as the checker cuts them: ending with its full stop or line break)
    holding none of these offsets comes out of :func:`mask` unchanged, so one scan of
    the whole text spares a call per sentence. The test reads one character and looks at
    most one character behind it, and a sentence's first character follows a full stop
    or a line break, so the whole text and the sentence alone give the same offsets.
    """
    return [hit.start() for hit in _CANDIDATE.finditer(text)]


def mask(text: str, keep: Collection[str] = ()) -> str:
    """Return ``text`` with code, URLs, quotations and identifiers blanked out.

    Spans equal to one of ``keep`` (participant names such as "McKenzie", which
    look like identifiers) are left readable.
    """
    windows = _candidate_windows(text)
    if not windows:
        return text
    parts: list[str] = []
    last = 0
    for window_start, window_end in windows:
        for match in _MASK.finditer(text, window_start, window_end):
            start, end = match.span()
            if start < last or match.group() in keep:
                continue
            if match.group()[:1] in _QUOTES and _is_utterance(text, start, end):
                continue  # reported speech is read like any other text
            parts.append(text[last:start])
            # Keep line breaks so sentence and paragraph boundaries survive masking.
            parts.append(re.sub(r"[^\n]", " ", match.group()))
            last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:said|says|wrote|writes|asked|asks|posted|posts|replied|told\s+(?:\w+\s+){0,2}?|"
    r"admitted|added|typed|messaged|shouted|yelled|read|put\s+it|comment|commented|note|"
    r"noted|summary\s+(?:read|says|said))\s*[,:]?|:)\s*$"
)
_SPEECH_AFTER = re.compile(
    r"\s*,?\s*(?:(?:\w+\s+){0,3}?(?:said|says|wrote|writes|asked|posted|replied|admitted|"
    r"added|typed|messaged)|(?:someone|somebody|they|he|she)\s+\w+)\b"
)
_MENTION_BEFORE = re.compile(
    r"\b(?:the|a|an)?\s*(?:phrase|term|words?|wording|label|message|rule|name|expression|"
    r"sentence|string|text|error|title|status|like|such\s+as|called|named|calling\s+it|"
    r"call\s+it|whether|using|use|avoid|avoiding|write|writing|ban|banned)\s*[,:]?\s*$"
)


def _is_utterance(text: str, start: int, end: int) -> bool:
    """Whether a quotation is reported speech (read) rather than a mention (masked).

    "'human error' is where analysis starts" mentions a term; Lena said "Ravi broke it"
    reports what was said, and what was said is what the room will read.
    """
    before = text[max(0, start - 40) : start]
    if _MENTION_BEFORE.search(before):
        return False
    if _SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(text, end):
        return True
    return len(text[start + 1 : end - 1].split()) >= 4


def _candidate_windows(text: str) -> list[tuple[int, int]]:
    """Return merged spans of ``text`` that may hold something to mask."""
    windows: list[tuple[int, int]] = []
    size = len(text)
    skip_until = 0
    for hit in _CANDIDATE.finditer(text):
        at = hit.start()
        if at < skip_until:
            continue
        char = text[at]
        start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at), text.rfind("\t", 0, at)) + 1
        if char in _QUOTES:
            end = _quote_end(text, at, char)
            if end < 0:
                continue
            skip_until = end  # the closing quote must not open another window
        elif char == "`":
            closing = text.find("```", at + 3) if text.startswith("```", at) else -1
            end = closing + 3 if closing >= 0 else text.find("`", at + 1) + 1 or size
            skip_until = end
        else:
            end = size
            for separator in " \n\t":
                found = text.find(separator, at)
                if 0 <= found < end:
                    end = found
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _quote_end(text: str, at: int, char: str) -> int:
    closing = {"\u201c": "\u201d", "\u2018": "\u2019"}.get(char, char)
    limit = min(len(text), at + 302)
    line_end = text.find("\n", at, limit)
    if line_end >= 0:
        limit = line_end
    found = text.find(closing, at + 1, limit)
    while 0 <= found < len(text) - 1 and closing in "\u2019'" and text[found + 1].isalnum():
        found = text.find(closing, found + 1, limit)  # an apostrophe inside the quotation
    return found + 1 if found >= 0 else -1
