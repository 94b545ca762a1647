"""Bad input: each source is refused with one clear sentence before anything is read in full."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from facilitator.evidence import EvidenceError, Limits, ReadOptions, read_path, read_text
from facilitator.evidence.limits import ExpansionBudget

from support.slack_export import incident_export


def refused(path: Path, match: str, **options: object) -> str:
    with pytest.raises(EvidenceError, match=match) as error:
        read_path(path, ReadOptions(**options))  # type: ignore[arg-type]
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_truncated_zip(tmp_path: Path) -> None:
    whole = incident_export().write_zip(tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "export.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    refused(cut, r"export.zip is not a complete ZIP file \(it may be cut short\)")


def test_a_zip_damaged_inside_an_entry(tmp_path: Path) -> None:
    path = incident_export().write_zip(tmp_path / "export.zip")
    data = bytearray(path.read_bytes())
    start = data.index(b"inc-checkout/") + 60  # inside the first day file's compressed data
    data[start : start + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    refused(path, "export.zip.*(damaged|cut short)", channels=("inc-checkout",))


def test_a_folder_that_is_not_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "Downloads"
    (folder / "photos").mkdir(parents=True)
    (folder / "notes.txt").write_text("hello")
    refused(folder, "Downloads is not a Slack export: it has no channels.json")


def test_json_of_the_wrong_shape(tmp_path: Path) -> None:
    folder = incident_export().write_folder(tmp_path / "export")
    (folder / "channels.json").write_text('{"channels": "nope"}')
    refused(folder, "channels.json is not a list of channels")
    folder2 = incident_export().write_folder(tmp_path / "export2")
    day = next((folder2 / "general").iterdir())
    day.write_text('{"messages": []}')
    refused(folder2, r"general/2026-03-13.json is not a list of messages", channels=("general",))
    other = tmp_path / "log.json"
    other.write_text(json.dumps({"alerts": [1, 2]}))
    refused(other, "neither PagerDuty log entries .* nor Opsgenie alert logs")
    pd = tmp_path / "pd.json"
    pd.write_text(json.dumps({"log_entries": {"id": 1}}))
    refused(pd, "log_entries is not a list")
    og = tmp_path / "og.json"
    og.write_text(json.dumps({"data": [{"log": "x", "createdAt": "2026-03-13T10:00:00Z"}, 3]}))
    refused(og, "entry 2 is not an Opsgenie log")
    broken = tmp_path / "broken.json"
    broken.write_text('{"log_entries": [')
    refused(broken, "broken.json is not valid JSON")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    refused(deep, "deep.json is nested too deeply")


def test_an_unknown_transcript_layout_shows_the_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("Incident notes\n[19:04] ada: hi\n", encoding="utf-8")
    refused(path, "chat.txt: line 1 is not in a chat layout this can read: “Incident notes”")


def test_a_one_gigabyte_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    for name in ("huge.txt", "huge.zip", "huge.json", "huge.csv"):
        path = tmp_path / name
        with open(path, "wb") as handle:
            handle.truncate(1024**3)  # sparse: takes no disk space and no time to write
        message = refused(path, r"is 1\.0 GB, larger than the \d+ MB")
        assert name in message


def test_a_huge_paste_is_refused() -> None:
    with pytest.raises(EvidenceError, match="the pasted text is 2 MB, more than the 1 MB"):
        read_text("x" * (2 * 1024 * 1024), ReadOptions(limits=Limits(text_bytes=1024 * 1024)))


def _zip_with(path: Path, name: str, data: bytes) -> Path:
    export = incident_export()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in export.files().items():
            archive.writestr(member, content)
        archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    # 200 MB of one repeated message compresses to a few hundred KB.
    line = b'{"type": "message", "text": "x", "ts": "1773441060.000001"},'
    body = b"[" + line * (200 * 1024 * 1024 // len(line)) + b"{}]"
    path = _zip_with(tmp_path / "bomb.zip", "inc-checkout/2026-03-12.json", body)
    assert path.stat().st_size < 5 * 1024 * 1024
    refused(path, r"2026-03-12.json expands to 200 MB or more, past the 64 MB limit.*ZIP bomb")


def test_a_zip_bomb_that_lies_about_its_size_is_stopped_while_it_streams(tmp_path: Path) -> None:
    body = b"[" + b" " * (8 * 1024 * 1024) + b"]"
    path = _zip_with(tmp_path / "liar.zip", "inc-checkout/2026-03-12.json", body)
    data = bytearray(path.read_bytes())
    # Rewrite the entry's uncompressed size to 1 KB in both headers (local and central).
    name = b"inc-checkout/2026-03-12.json"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[start : start + len(name)] == name:
                data[at + offset : at + offset + 4] = struct.pack("<I", 1024)
            at += 4
    path.write_bytes(bytes(data))
    # zipfile stops at the declared 1 KB and the checksum then fails: nothing more is expanded.
    refused(path, "liar.zip: inc-checkout/2026-03-12.json is damaged")


class _Endless(io.RawIOBase):
    """A stream that keeps giving bytes, like an entry whose header understates its size."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


class _LyingArchive:
    def open(self, info: zipfile.ZipInfo) -> io.BufferedReader:
        return io.BufferedReader(_Endless())


def test_the_streamed_size_is_counted_whatever_the_header_says() -> None:
    info = zipfile.ZipInfo("general/2026-03-13.json")
    info.file_size = 1000
    budget = ExpansionBudget(Limits(entry_bytes=10 * 1024 * 1024), "export.zip")
    with pytest.raises(EvidenceError, match="holds more than its header says"):
        budget.read_entry(_LyingArchive(), info)  # type: ignore[arg-type]
    info.file_size = 50 * 1024 * 1024
    budget = ExpansionBudget(Limits(entry_bytes=60 * 1024 * 1024, expanded_bytes=1024 * 1024), "e")
    with pytest.raises(EvidenceError, match="past the 1 MB limit"):
        budget.read_entry(_LyingArchive(), info)  # type: ignore[arg-type]


def test_everything_expanded_from_one_archive_is_bounded(tmp_path: Path) -> None:
    path = incident_export().write_zip(tmp_path / "export.zip")
    refused(path, "past the .* limit", limits=Limits(expanded_bytes=600))


@pytest.mark.parametrize(
    "name", ["../escape.json", "/etc/evil.json", "a/../../b.json", "..\\x.json", "C:/x.json"]
)
def test_an_entry_whose_path_escapes_the_folder(tmp_path: Path, name: str) -> None:
    path = _zip_with(tmp_path / "export.zip", name, b"[]")
    refused(path, "a path that would lead outside the export; it is refused")


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_in_an_export_folder_that_leads_outside(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "2026-03-13.json").write_text("[]")
    folder = incident_export().write_folder(tmp_path / "export")
    (folder / "leak").symlink_to(secret)
    refused(folder, "“leak” links to a place outside the export folder")


def test_a_mix_of_encodings(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    utf8, cp1252 = "[19:04] ada: café is down\n", "[19:05] ravi: señal\n"
    path.write_bytes(utf8.encode() + cp1252.encode("cp1252"))
    refused(path, "chat.txt mixes text encodings: line 1 is UTF-8 but line 2 is not")
    in_json = tmp_path / "export"
    incident_export().write_folder(in_json)
    day = next((in_json / "general").iterdir())
    day.write_bytes(day.read_bytes().replace(b"lunch", "déjà".encode() + "ñ".encode("cp1252")))
    refused(in_json, "mixes text encodings", channels=("general",))


def test_a_single_old_encoding_is_read(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("[19:04] ada: café is down\n".encode("cp1252"))
    assert read_path(path, ReadOptions()).candidates[0].text == "café is down"


def test_utf16_with_a_byte_order_mark_is_read_and_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("[19:04] ada: hello\r\n".encode("utf-16"))
    assert read_path(path, ReadOptions()).candidates[0].text == "hello"
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused(binary, "photo.txt looks like a binary file")


def test_a_missing_file_and_an_unknown_zone(tmp_path: Path) -> None:
    refused(tmp_path / "nothing.zip", "no such file or folder")
    path = tmp_path / "chat.txt"
    path.write_text("[19:04] ada: hi\n")
    refused(path, "“Mars/Olympus” is not a time zone name", zone="Mars/Olympus")
