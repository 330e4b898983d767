"""JSON Lines articles (.jsonl): one JSON object per line.

Fields read: ``text`` (required, a non-blank string), ``id`` (string or
integer), ``title``, ``published``, ``url``, ``source`` (strings or null);
other fields are ignored. Blank lines are skipped.

Each line stands alone: a line that is not valid UTF-8, not valid JSON, not
an object, lacks text, has a field of the wrong type, a key given twice, a bad
date or URL, or repeats an id already used in the file is one problem with
its line number, and every other line is still read.

The identifier is the record's ``id``, else ``{file stem}-{line number}``.
The text is kept exactly, except that ``\\r\\n`` and ``\\r`` become ``\\n``.
"""

from __future__ import annotations

import json
from pathlib import Path

from kb.model import Article
from kb.readers.dates import parse_published
from kb.readers.fields import declared_url, file_identifier, one_line
from kb.readers.problems import BadInput, ReadProblem
from kb.readers.raw import UTF8_BOM, check_characters, decode_utf8, has_words, normalise_newlines

OPTIONAL_STRING_FIELDS = ("title", "published", "url", "source")


def read(data: bytes, path: Path) -> tuple[list[Article], list[ReadProblem]]:
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    first_line_of_id: dict[str, int] = {}
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        start, offset = offset, offset + len(raw) + 1
        if number == 1 and raw.startswith(UTF8_BOM):
            raw, start = raw[len(UTF8_BOM):], start + len(UTF8_BOM)
        if not raw.strip():
            continue
        try:
            article = _read_record(raw, number, start, path)
            if article.identifier in first_line_of_id:
                raise BadInput(f"id {article.identifier!r} is already used on line {first_line_of_id[article.identifier]}")
        except BadInput as error:
            problems.append(error.at(str(path), number))
            continue
        first_line_of_id[article.identifier] = number
        articles.append(article)
    return articles, problems


def _read_record(raw: bytes, number: int, start: int, path: Path) -> Article:
    line = decode_utf8(raw, first_byte_offset=start, first_line=number)
    try:
        record = json.loads(line, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise BadInput(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise BadInput("not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise BadInput(f"a JSON object is expected, not {_json_type(record)}")

    text = record.get("text")
    if not isinstance(text, str) or not has_words(text):
        raise BadInput("no article text (the 'text' field is missing, empty or not a string)")
    text = normalise_newlines(text)
    check_characters(text, line=number)
    for name in OPTIONAL_STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise BadInput(f"'{name}' must be a string, not {_json_type(record[name])}")
        if isinstance(record.get(name), str):
            check_characters(record[name], line=number)

    published = record.get("published")
    identifier = record.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int, type(None))):
        raise BadInput(f"'id' must be a string or an integer, not {_json_type(identifier)}")
    if identifier is not None:
        check_characters(str(identifier), line=number)
        identifier = one_line(str(identifier))
    return Article(
        identifier=identifier or f"{file_identifier(path)}-{number}",
        text=text,
        title=one_line(record.get("title")),
        published=parse_published(published) if published and published.strip() else None,
        url=declared_url(record.get("url")),
        publisher=one_line(record.get("source")),
        source_path=str(path),
    )


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    record: dict[str, object] = {}
    for key, value in pairs:
        if key in record:
            raise BadInput(f"key {key!r} is given twice in the object")
        record[key] = value
    return record


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
