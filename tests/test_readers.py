"""Readers: every input format to ``Article``, and every kind of bad input to one clear problem.

The fixture articles under ``tests/fixtures/readers/`` are made up for these tests.
"""

from __future__ import annotations

import gzip
import io
import random
import time
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kb.model import Article
from kb.readers import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, ReadProblem, iter_source_files, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def read_one(path: Path, **options) -> Article:
    articles, problems = read_source(path, **options)
    assert problems == []
    assert len(articles) == 1
    return articles[0]


def only_problem(path: Path, **options) -> ReadProblem:
    articles, problems = read_source(path, **options)
    assert articles == []
    assert len(problems) == 1
    return problems[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------------------
# .txt / .md


def test_front_matter_gives_every_field_and_the_body_is_kept_exactly():
    path = FIXTURES / "front-matter.md"
    article = read_one(path)
    assert article.identifier == "example-riverton-2018-05-31"
    assert article.title == "Mortar fire hits market in Riverton: officials"
    assert article.published == date(2018, 5, 31)
    assert article.url == "https://example.org/2018/05/31/riverton"
    assert article.publisher == "Example Wire"
    assert article.source_path == str(path)
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert article.text == body
    assert article.text.startswith("RIVERTON — Mortar rounds")
    assert "Wednesday,  killing" in article.text  # inner whitespace untouched
    start = article.text.index("Talks between")
    assert article.text[start : start + len("Talks between the two sides")] == "Talks between the two sides"


def test_without_front_matter_a_short_first_line_standing_apart_is_the_title_and_stays_in_the_text():
    article = read_one(FIXTURES / "headline.txt")
    assert article.title == "Ferry service resumes across the strait"
    assert article.identifier == "headline"
    assert article.published is None and article.url is None and article.publisher is None
    assert article.text.startswith("# Ferry service resumes across the strait\n\nThe ferry")
    assert "\r" not in article.text
    assert article.text.endswith("the operator said.\nPassengers queued from dawn.\n")


@pytest.mark.parametrize(
    "content, title",
    [
        ("Gunmen stormed a checkpoint on Monday, officials said.\nTwo guards were hurt.\n", None),
        ("A" * 151 + "\n\nBody text.\n", None),
        ("Only one line of text.\n", None),
        ("Ceasefire declared\n==================\nBody text.\n", "Ceasefire declared"),
        ("\n\n  Talks resume   in the capital  \n\nBody text.\n", "Talks resume in the capital"),
    ],
)
def test_the_first_line_is_a_title_only_when_short_and_set_apart(tmp_path, content, title):
    assert read_one(write(tmp_path, "story.md", content)).title == title


def test_front_matter_without_id_or_title_falls_back_to_the_file_stem_and_no_title(tmp_path):
    path = write(tmp_path, "kabul-report.txt", "---\npublished: 2018-05-31T09:30:00\n---\nShort headline\n\nText.\n")
    article = read_one(path)
    assert article.identifier == "kabul-report"
    assert article.title is None  # with front matter, only its title key gives a title
    assert article.published == datetime(2018, 5, 31, 9, 30)
    assert article.text == "Short headline\n\nText.\n"


def test_front_matter_values_may_be_quoted(tmp_path):
    path = write(
        tmp_path,
        "quoted.md",
        "---\ntitle: 'The ''peace'' talks: day one'\nsource: \"Wire \\\"A\\\"\"\nurl:\nID: q-1\n---\nText.\n",
    )
    article = read_one(path)
    assert article.title == "The 'peace' talks: day one"
    assert article.publisher == 'Wire "A"'
    assert article.url is None
    assert article.identifier == "q-1"


def test_a_utf8_bom_and_crlf_newlines_do_not_shift_the_text(tmp_path):
    path = write(tmp_path, "bom.md", b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nLine one.\r\nLine two.\r\n")
    article = read_one(path)
    assert article.title == "T"
    assert article.text == "Line one.\nLine two.\n"


# ---------------------------------------------------------------------------
# .jsonl


def test_jsonl_reads_every_field_and_derives_missing_ids_from_stem_and_line():
    path = FIXTURES / "wire.jsonl"
    articles, problems = read_source(path)
    assert problems == []
    first, second = articles
    assert first.identifier == "wire-001"
    assert first.title == "Ceasefire agreed in the hill districts"
    assert first.text == "Both sides agreed on Friday to a ceasefire in the hill districts, a mediator said.\nIt takes effect at midnight."
    assert first.published == datetime(2019, 7, 5, 14, 30)  # a time without a zone stays a naive datetime
    assert first.url == "https://example.org/wire/001"
    assert first.publisher == "Example Wire"
    assert second.identifier == "wire-3"  # line 2 is blank, the record is on line 3
    assert second.published == date(2019, 7, 4)
    assert second.url is None


def test_a_malformed_json_line_is_one_problem_and_the_other_lines_still_count(tmp_path):
    path = write(
        tmp_path,
        "bad.jsonl",
        '{"id": "a", "text": "First."}\n'
        '{"id": "b", "text": "Second."}\n'
        '{"id": "c" "text": "Third."}\n'
        '{"id": "d", "text": "Fourth."}\n',
    )
    articles, problems = read_source(path)
    assert [a.identifier for a in articles] == ["a", "b", "d"]
    assert [str(p) for p in problems] == [f"{path}:3: not valid JSON (Expecting ',' delimiter at column 12)"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"id": "x", "title": "No text"}', "no article text"),
        ('{"id": "x", "text": "   "}', "no article text"),
        ('["text", "an array"]', "a JSON object is expected, not an array"),
        ('{"text": "T.", "title": 42}', "'title' must be a string, not a number"),
        ('{"text": "T.", "id": true}', "'id' must be a string or an integer"),
        ('{"text": "T.", "text": "again"}', "key 'text' is given twice"),
        ('{"text": "T.", "published": "someday"}', "not a date: 'someday'"),
        ('{"text": "T.", "published": "May 2018"}', "incomplete date 'May 2018'"),
        ('{"text": "T.", "url": "example.org/x"}', "url is not an absolute http(s) URL"),
        ('{"text": "Bell \\u0007 rings."}', "control character (U+0007)"),
        ('{"text": "Half \\ud800 pair."}', "lone surrogate (U+D800)"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_a_bad_json_record_is_reported_with_its_line(tmp_path, line, reason):
    path = write(tmp_path, "records.jsonl", '{"id": "good", "text": "Fine."}\n' + line + "\n")
    articles, problems = read_source(path)
    assert [a.identifier for a in articles] == ["good"]
    assert len(problems) == 1 and problems[0].line == 2
    assert reason in problems[0].reason


def test_a_repeated_jsonl_id_is_a_problem_naming_the_first_line(tmp_path):
    path = write(tmp_path, "dup.jsonl", '{"id": 7, "text": "One."}\n{"id": "7", "text": "Two."}\n')
    articles, problems = read_source(path)
    assert [a.identifier for a in articles] == ["7"]
    assert str(problems[0]) == f"{path}:2: id '7' is already used on line 1"


def test_invalid_utf8_on_one_jsonl_line_spares_the_others(tmp_path):
    path = write(tmp_path, "mixed.jsonl", b'{"text": "Good."}\n{"text": "Caf\xe9."}\n')
    articles, problems = read_source(path)
    assert [a.text for a in articles] == ["Good."]
    assert str(problems[0]) == f"{path}:2: not valid UTF-8 (byte 0xe9 at byte offset 31)"


# ---------------------------------------------------------------------------
# .html


def test_html_gives_main_text_title_date_url_and_site_name():
    article = read_one(FIXTURES / "page.html")
    assert article.identifier == "page"
    assert article.title == "Envoys meet in Lakeside for a second round"
    assert article.published == date(2020, 2, 11)
    assert article.url == "https://gazette.example.org/world/envoys-lakeside"
    assert article.publisher == "Example Gazette"
    assert "met in Lakeside on Tuesday for a second round of talks" in article.text
    assert "described as constructive." in article.text
    assert "Privacy" not in article.text and "Sport" not in article.text  # boilerplate left out


def test_html_declaring_another_charset_is_decoded_with_it(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 attack</title></head><body><article>'
        "<p>A grenade was thrown into a caf\xe9 on the main square on Friday evening, the police said.</p>"
        "<p>Nobody was hurt, according to the owner, who said the windows were \u201cshattered\u201d.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    article = read_one(write(tmp_path, "cafe.htm", page))
    assert "thrown into a café" in article.text
    assert "\u201cshattered\u201d" in article.text


def test_html_without_any_text_is_a_problem(tmp_path):
    path = write(tmp_path, "blank.html", "<html><head><title>Nothing</title></head><body><div></div></body></html>")
    assert only_problem(path).reason == "no article text found in the page"


# ---------------------------------------------------------------------------
# feeds


def test_rss_items_become_articles_with_ids_dates_and_plain_text():
    articles, problems = read_source(FIXTURES / "feed.rss")
    assert problems == []
    bridge, truce = articles
    assert bridge.identifier == "daily-2021-0412-bridge"  # the guid
    assert bridge.title == "Bridge reopens after repairs"
    assert bridge.text == "The bridge over the Long River reopened on Monday.\n\nRepairs took six months & cost more than planned."
    assert bridge.published == datetime(2021, 4, 12, 8, 30, tzinfo=timezone.utc)
    assert bridge.url == "https://daily.example.org/world/bridge-reopens"
    assert bridge.publisher == "Example Daily - World"  # the channel title
    assert truce.identifier == "https://daily.example.org/world/truce-day-two"  # no guid: the link
    assert truce.published == datetime(2021, 4, 11, 19, 0, tzinfo=timezone(timedelta(hours=-5)))  # RFC 822 "EST"
    assert truce.publisher == "Other Example Agency"  # the item's <source>


def test_atom_entries_prefer_content_to_summary_and_keep_the_zone():
    article = read_one(FIXTURES / "feed.atom")
    assert article.identifier == "urn:example:monitor:2022-09-03-talks"
    assert article.title == "Talks stall over prisoner lists"
    assert article.text == (
        "Talks in Harbour City stalled on Saturday over the lists of prisoners to be freed.\n\n"
        "Mediators said a new session\ncould open next month."
    )
    assert article.published == datetime(2022, 9, 3, 9, 45, tzinfo=timezone(timedelta(hours=4, minutes=30)))
    assert article.url == "https://monitor.example.org/2022/09/03/talks"
    assert article.publisher == "Example Monitor"


def rss(*items: str, head: str = "") -> str:
    return f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>Feed</title>{"".join(items)}</channel></rss>'


def test_feed_entries_without_id_or_link_are_numbered_and_entries_without_text_are_problems(tmp_path):
    path = write(
        tmp_path,
        "numbered.rss",
        rss(
            "<item><title>One</title><description>First story.</description></item>",
            "<item><title>Empty</title></item>",
            "<item><title>Three</title><description>Third story.</description></item>",
        ),
    )
    articles, problems = read_source(path)
    assert [a.identifier for a in articles] == ["numbered-1", "numbered-3"]
    assert [str(p) for p in problems] == [f"{path}: entry 2 ('Empty'): no text (neither content nor summary)"]


def test_an_unreadable_entry_date_is_a_problem_for_that_entry(tmp_path):
    path = write(
        tmp_path,
        "dates.rss",
        rss(
            "<item><guid>a</guid><pubDate>not a date at all</pubDate><description>A.</description></item>",
            "<item><guid>b</guid><pubDate>2021-04-12</pubDate><description>B.</description></item>",
        ),
    )
    articles, problems = read_source(path)
    assert [(a.identifier, a.published) for a in articles] == [("b", date(2021, 4, 12))]
    assert problems[0].reason == "entry 1: unreadable published date 'not a date at all'"


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>Bomb</title><item><title>&lol9;</title>'
    "<description>&lol9;</description></item></channel></rss>\n"
)


def test_a_feed_with_entity_expansion_is_refused_without_expanding_it(tmp_path):
    started = time.perf_counter()
    problem = only_problem(write(tmp_path, "laughs.xml", BILLION_LAUGHS))
    assert time.perf_counter() - started < 2
    assert problem.reason.startswith("the feed declares an entity ('lol')")
    assert problem.line == 3


def test_a_feed_with_an_external_entity_is_refused_and_the_file_is_not_read(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    feed = rss(
        "<item><title>x</title><description>&xxe;</description></item>",
        head=f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    )
    articles, problems = read_source(write(tmp_path, "xxe.rss", feed))
    assert articles == []
    assert problems[0].reason.startswith("the feed declares an external entity ('xxe')")
    assert "TOP-SECRET" not in str(problems[0])


def test_a_bare_doctype_without_entities_is_accepted(tmp_path):
    feed = rss(
        "<item><guid>n1</guid><description>Old style feed.</description></item>",
        head='<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    )
    assert read_one(write(tmp_path, "old.rss", feed)).text == "Old style feed."


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.xml", '<?xml version="1.0"?>\n<rss>\n<channel><item></channel>\n</rss>', "not well-formed XML (mismatched tag at column 18)"),
        ("none.atom", '<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>', "the feed has no entries"),
        ("other.xml", "<catalog><book>Not news</book></catalog>", "not an RSS or Atom feed (the root element is <catalog>)"),
    ],
)
def test_a_feed_that_is_broken_empty_or_not_a_feed_is_a_problem(tmp_path, name, content, reason):
    assert only_problem(write(tmp_path, name, content)).reason == reason


# ---------------------------------------------------------------------------
# Publication dates and --published


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018-05-31", date(2018, 5, 31)),
        ("31 May 2018", date(2018, 5, 31)),
        ("May 31, 2018", date(2018, 5, 31)),
        ("2018-05-31T10:15", datetime(2018, 5, 31, 10, 15)),
        ("2018-05-31T10:15:00Z", datetime(2018, 5, 31, 10, 15, tzinfo=timezone.utc)),
        ("Thu, 31 May 2018 10:15:00 +0430", datetime(2018, 5, 31, 10, 15, tzinfo=timezone(timedelta(hours=4, minutes=30)))),
    ],
)
def test_publication_dates_in_common_forms(tmp_path, value, expected):
    article = read_one(write(tmp_path, "dated.md", f"---\npublished: {value}\n---\nText.\n"))
    assert article.published == expected
    assert type(article.published) is type(expected)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("last Tuesday", "not a date: 'last Tuesday'"),
        ("2018", "incomplete date '2018' (day, month and year are needed)"),
        ("31 May 2018 10:00 IST", "unknown time zone in the date '31 May 2018 10:00 IST'"),
    ],
)
def test_an_unreadable_publication_date_is_a_problem_on_its_line(tmp_path, value, reason):
    path = write(tmp_path, "dated.md", f"---\ntitle: T\npublished: {value}\n---\nText.\n")
    problem = only_problem(path)
    assert problem.line == 3
    assert problem.reason.startswith(reason)


def test_published_option_fills_only_missing_dates():
    override = date(2020, 1, 1)
    undated = read_one(FIXTURES / "headline.txt", published=override)
    dated = read_one(FIXTURES / "front-matter.md", published=override)
    assert undated.published == override
    assert dated.published == date(2018, 5, 31)


# ---------------------------------------------------------------------------
# Bad files (one problem each, naming the file)


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file (no text)"),
        ("blank.md", b" \n\t\n  \n", "empty file (no text)"),
        ("blank.jsonl", b"\n\n", "empty file (no text)"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty file (no text)"),
        ("matter-only.md", b"---\ntitle: Nothing else\n---\n\n", "no article text after the front matter"),
        ("nul.txt", b"Text with a \x00 byte in it", "binary file (NUL byte at byte offset 12), not text"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF document), not text"),
        ("utf16.txt", "Hello".encode("utf-16"), "text is encoded as UTF-16; save it as UTF-8"),
    ],
)
def test_empty_and_binary_files_are_problems(tmp_path, name, content, reason):
    path = write(tmp_path, name, content)
    assert str(only_problem(path)) == f"{path}: {reason}"


def test_zip_and_gzip_archives_are_binary(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "Some text.")
    zipped = write(tmp_path, "stories.txt", buffer.getvalue())
    gzipped = write(tmp_path, "stories.jsonl", gzip.compress(b'{"text": "Some text."}\n'))
    assert only_problem(zipped).reason.startswith("binary file (a ZIP archive")
    assert only_problem(gzipped).reason == "binary file (a gzip archive), not text"


def test_invalid_utf8_names_the_byte_offset_and_line(tmp_path):
    path = write(tmp_path, "latin1.txt", "Title\n\nThe café was hit.\n".encode("latin-1"))
    assert str(only_problem(path)) == f"{path}:3: not valid UTF-8 (byte 0xe9 at byte offset 14)"


def test_a_control_character_in_a_text_is_a_problem(tmp_path):
    path = write(tmp_path, "bell.txt", "Title\n\nA bell \x07 rang.\n")
    problem = only_problem(path)
    assert (problem.line, problem.reason) == (3, "text contains a control character (U+0007), which RDF text cannot hold")


@pytest.mark.parametrize(
    "content, line, reason",
    [
        ("---\ntitle: T\nText without a closing fence.\n", 1, "front matter opened with '---' on line 1 is never closed"),
        ("---\ntitle: T\nthis line has no colon\n---\nText.\n", 3, "front matter line is not 'key: value': 'this line has no colon'"),
        ("---\ntitle: A\ntitle: B\n---\nText.\n", 3, "'title' is given twice in the front matter (first on line 2)"),
        ("---\ntitle: A\n  continued\n---\nText.\n", 3, "'title' continues on an indented line"),
        ("---\n  - x\n---\nText.\n", 2, "indented line without a key above it"),
        ("---\ntitle: \"unterminated\n---\nText.\n", 2, "badly quoted value"),
        ("---\ntitle: 'it's'\n---\nText.\n", 2, "badly quoted value"),
        ("---\nurl: www.example.org/a\n---\nText.\n", 2, "url is not an absolute http(s) URL: 'www.example.org/a'"),
    ],
)
def test_broken_front_matter_is_a_problem_on_its_line(tmp_path, content, line, reason):
    problem = only_problem(write(tmp_path, "broken.md", content))
    assert problem.line == line
    assert problem.reason.startswith(reason)


def test_unknown_front_matter_keys_and_their_indented_values_are_ignored(tmp_path):
    path = write(tmp_path, "site.md", "---\nlayout: post\ntags:\n  - a\n  - b\ntitle: Kept\n---\nText.\n")
    assert read_one(path).title == "Kept"


@pytest.mark.parametrize(
    "name, reason",
    [
        ("report.pdf.txt.docx", "unsupported file type ('.docx'; supported: .atom, .htm, .html, .jsonl, .md, .rss, .txt, .xml)"),
        ("README", "unsupported file type (no extension; supported: .atom, .htm, .html, .jsonl, .md, .rss, .txt, .xml)"),
    ],
)
def test_an_unknown_extension_is_a_problem(tmp_path, name, reason):
    path = write(tmp_path, name, "Plain words.")
    assert str(only_problem(path)) == f"{path}: {reason}"


def test_extensions_are_matched_without_regard_to_case(tmp_path):
    assert read_one(write(tmp_path, "LOUD.TXT", "Words.")).text == "Words."


def test_missing_paths_and_folders_are_problems(tmp_path):
    assert only_problem(tmp_path / "gone.md").reason == "no such file"
    assert only_problem(tmp_path).reason == "is a folder, not a file"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: reading it would take time, refusing it does not
    assert only_problem(path).reason == "file is too large (5,000,001 bytes; the limit is 5,000,000 bytes)"
    small = write(tmp_path, "small.txt", "Twelve bytes")
    assert only_problem(small, max_bytes=10).reason == "file is too large (12 bytes; the limit is 10 bytes)"
    assert read_one(small, max_bytes=12).text == "Twelve bytes"


# ---------------------------------------------------------------------------
# Folder walk


def test_folders_are_walked_in_sorted_order_skipping_hidden_and_unsupported_files(tmp_path):
    for name in ["b.md", "a/z.txt", "a/m.JSONL", "a/.hidden.md", ".git/x.md", "c.png", "notes.docx", "d/e/f.rss", "B.html"]:
        write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert found == ["B.html", "a/m.JSONL", "a/z.txt", "b.md", "d/e/f.rss"]


def test_named_files_are_kept_as_given_and_each_file_comes_once(tmp_path):
    for name in ["docs/a.md", "docs/b.txt", ".secret.md", "image.png"]:
        write(tmp_path, name, "x")
    given = [tmp_path / "image.png", tmp_path / "docs", tmp_path / "docs" / "a.md", tmp_path / ".secret.md", tmp_path / "missing.md"]
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files(given)]
    assert found == ["image.png", "docs/a.md", "docs/b.txt", ".secret.md", "missing.md"]


# ---------------------------------------------------------------------------
# Never a traceback


def crafted_blobs() -> list[bytes]:
    rng = random.Random(20240531)
    blobs = [
        b"\xff\xfe\xfd", b"\x80abc", b"---", b"---\n", b"---\n---\n", b"{", b"[]\n", b"null\n",
        b"<", b"<?xml", b"<rss><channel><item>", b"<html><body><p>\xc3", b"\xef\xbb\xbf\xef\xbb\xbf",
        b"<!DOCTYPE x [<!ENTITY a SYSTEM 'http://127.0.0.1:9/'>]><x>&a;</x>",
        b"\r\r\r", b"\x1b[31mred\x1b[0m",
    ]
    blobs += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(12)]
    blobs += [bytes(rng.choice(b"<>/\"'=&;!-[]{}:,\n abc\xc3\xa9") for _ in range(300)) for _ in range(12)]
    return blobs


@pytest.mark.parametrize("extension", sorted(SUPPORTED_EXTENSIONS))
def test_random_bytes_never_raise_and_every_problem_is_one_line(tmp_path, extension):
    for number, blob in enumerate(crafted_blobs()):
        path = write(tmp_path, f"blob{number}{extension}", blob)
        articles, problems = read_source(path)
        assert all(isinstance(a, Article) and any(c.isalnum() for c in a.text) for a in articles)
        for problem in problems:
            line = str(problem)
            assert line.startswith(str(path)) and "\n" not in line
