"""Golden sets: questions read from TOML files and kept in eval_sets / eval_questions.

A file holds `[[question]]` tables: `text`, `document` (a library slug, a document id,
its source_ref or title; "" for none), `fact` (a case-insensitive regular expression a
correct answer contains; "" for none), `decline` (true: the question is out of scope and
should be declined) and `set` (golden, dev or heldout). The platform's golden set is the
library's questions (src/vital/library/questions/*.toml), seeded into the platform tenant
with the library; a tenant loads its own with `vital eval import`. Loading a set makes
it match the file: questions are kept by their text, new ones added, missing ones removed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import InvalidInput
from vital.library.documents import QUESTIONS_DIR

SQL = Queries(__name__)

TAGS = ("golden", "dev", "heldout")
PLATFORM_SET = "platform-library"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEYS = {"text", "document", "fact", "decline", "set"}


@dataclass(frozen=True)
class Question:
    question: str
    expected_document: str | None
    fact_pattern: str | None
    should_decline: bool
    tag: str

    def row(self) -> dict:
        return {"question": self.question, "expected_document": self.expected_document,
                "fact_pattern": self.fact_pattern, "should_decline": self.should_decline, "tag": self.tag}


@dataclass
class Loaded:
    set_id: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed")


def read_file(path: Path) -> list[Question]:
    """The questions of one TOML file, each checked; an error names the file and the question."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {path}: {exc}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path} is not valid TOML ({exc}).",
                           hint="See 'Evaluation' in docs/knowledge.md for the file format.") from None
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise InvalidInput(f"{path} has no [[question]] tables.",
                           hint="Each question is a [[question]] table with text, document, fact, decline, set.")
    return [_question(entry, f"{path.name}, question {n}") for n, entry in enumerate(entries, 1)]


def read_library() -> list[Question]:
    """The platform's golden set: every question of the library's files."""
    return [q for path in sorted(QUESTIONS_DIR.glob("*.toml")) for q in read_file(path)]


def _question(entry, where: str) -> Question:
    def fail(message: str) -> InvalidInput:
        return InvalidInput(f"{where}: {message}", hint="A question has text, and document and/or fact, "
                            "or decline = true; set is golden, dev or heldout (docs/knowledge.md#evaluation).")

    if not isinstance(entry, dict):
        raise fail("is not a table.")
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}.")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > 4000:
        raise fail("'text' must be the question (1 to 4000 characters).")
    document, fact = entry.get("document", ""), entry.get("fact", "")
    decline, tag = entry.get("decline", False), entry.get("set", "golden")
    if not isinstance(document, str) or not isinstance(fact, str) or len(document) > 500 or len(fact) > 1000:
        raise fail("'document' and 'fact' must be text (\"\" for none).")
    if not isinstance(decline, bool):
        raise fail("'decline' must be true or false.")
    if tag not in TAGS:
        raise fail(f"'set' is {tag!r}; it must be one of {', '.join(TAGS)}.")
    if fact:
        try:
            re.compile(fact)
        except re.error as exc:
            raise fail(f"'fact' is not a regular expression ({exc}).") from None
    if decline and (document or fact):
        raise fail("a question to decline expects no document and no fact.")
    if not decline and not (document or fact):
        raise fail("give the document that answers it, a fact the answer contains, or decline = true.")
    return Question(text.strip(), document.strip() or None, fact or None, decline, tag)


def load_set(conn: psycopg.Connection, tenant_id, slug: str, name: str, questions: list[Question], *,
             description: str | None = None, ids: tuple[str, list[str]] | None = None) -> Loaded:
    """Make the tenant's set `slug` hold exactly these questions (in the caller's transaction).
    `ids`: the set's and the questions' ids when new (the platform's stable ones), else random."""
    if not _SLUG.match(slug) or len(slug) > 100:
        raise InvalidInput(f"The set's name '{slug}' is not a slug.", hint="Lowercase letters, digits and '-'.")
    seen: set[str] = set()
    for q in questions:
        if q.question in seen:
            raise InvalidInput(f"The question {q.question!r} appears twice.", hint="Keep one of them.")
        seen.add(q.question)
    set_id = one(conn, SQL("golden.set_upsert"), {"id": ids and ids[0], "tenant": tenant_id, "slug": slug,
                                                  "name": name, "description": description})["id"]
    new_ids = dict(zip((q.question for q in questions), ids[1])) if ids else {}
    loaded = Loaded(str(set_id))
    stored = {r["question"]: r for r in many(conn, SQL("golden.questions"), {"tenant": tenant_id, "set": set_id})}
    for q in questions:
        old = stored.pop(q.question, None)
        if old is None:
            conn.execute(SQL("golden.question_insert"), {"id": new_ids.get(q.question), "tenant": tenant_id,
                                                         "set": set_id, **q.row()})
            loaded.added += 1
        elif {k: old[k] for k in q.row()} != q.row():
            conn.execute(SQL("golden.question_update"), {"tenant": tenant_id, "id": old["id"], **q.row()})
            loaded.updated += 1
        else:
            loaded.unchanged += 1
    if stored:
        conn.execute(SQL("golden.questions_delete"), {"tenant": tenant_id, "ids": [r["id"] for r in stored.values()]})
        loaded.removed = len(stored)
    return loaded


def seed_platform_set(conn: psycopg.Connection) -> Loaded:
    """The library's questions as the platform's golden set (owner connection, at seeding)."""
    with conn.transaction():
        platform = one(conn, SQL("golden.platform"))["id"]
        questions = read_library()
        ids = one(conn, SQL("golden.platform_ids"), {"slug": PLATFORM_SET, "questions": [q.question for q in questions]})
        return load_set(conn, platform, PLATFORM_SET, "Platform library golden set", questions,
                        description="Questions on the platform library, phrased the way people ask, "
                                    "and out-of-scope ones to decline (src/vital/library/questions).",
                        ids=(ids["set_id"], ids["question_ids"]))
