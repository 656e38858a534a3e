"""Library documents read from their files: TOML front matter between `+++` lines, then Markdown.

The front matter names the document (title, area, agents, summary) and its public
sources ([[sources]] id, title, url?, checked). A file that breaks a rule fails the
whole read with an error naming the file, before anything is written.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from vital.errors import InvalidInput

DOCUMENTS_DIR = Path(__file__).with_name("documents")
QUESTIONS_DIR = Path(__file__).with_name("questions")

_FRONT = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.S)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_REQUIRED = {"title": str, "area": str, "agents": list, "summary": str, "sources": list}
_SOURCE_REQUIRED = {"id": str, "title": str, "checked": bool}


class LibraryError(InvalidInput):
    """A library file that cannot be seeded."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None
    checked: bool

    def as_metadata(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "checked": self.checked,
                "basis": "checked against a text" if self.checked else "from knowledge"}


@dataclass(frozen=True)
class LibraryDocument:
    slug: str
    area: str
    title: str
    agents: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...]
    body: str            # the Markdown after the front matter
    digest: str          # sha256 of the whole file: a changed file is a new version

    @property
    def source_ref(self) -> str:
        return f"{self.area}/{self.slug}.md"

    def metadata(self) -> dict:
        return {"library": True, "slug": self.slug, "area": self.area, "agents": list(self.agents),
                "summary": self.summary, "sources": [s.as_metadata() for s in self.sources],
                "document_type": "explainer"}


def read_all(directory: Path = DOCUMENTS_DIR, agents: Iterable[str] | None = None) -> list[LibraryDocument]:
    """Every `<area>/<slug>.md` under directory, validated; `agents`: the slugs `agents` may name."""
    known = set(agents) if agents is not None else None
    documents = [read_one(path, known) for path in sorted(directory.glob("*/*.md"))]
    if not documents:
        raise LibraryError(f"No library documents under {directory}.",
                           hint="Documents are <area>/<slug>.md files with TOML front matter.")
    return documents


def read_one(path: Path, agents: set[str] | None = None) -> LibraryDocument:
    data = path.read_bytes()
    name = f"{path.parent.name}/{path.name}"

    def fail(message: str, hint: str | None = None) -> LibraryError:
        return LibraryError(f"Library document {name}: {message}", hint=hint or
                            "See 'The platform library' in docs/knowledge.md for the file format.")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text.") from None
    front = _FRONT.match(text)
    if not front:
        raise fail("has no front matter (TOML between two '+++' lines at the top).")
    try:
        meta = tomllib.loads(front.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"front matter is not valid TOML ({exc}).") from None
    for key, kind in _REQUIRED.items():
        if key not in meta:
            raise fail(f"front matter lacks '{key}'.")
        if not isinstance(meta[key], kind) or not meta[key]:
            raise fail(f"'{key}' must be a non-empty {kind.__name__}.")
    slug, area = path.stem, path.parent.name
    if not _SLUG.match(slug) or not _SLUG.match(area):
        raise fail("file and folder names must be lowercase slugs (a-z, 0-9, '-').")
    if meta["area"] != area:
        raise fail(f"area '{meta['area']}' is not its folder '{area}'.", hint="Move the file or fix its area.")
    if not all(isinstance(a, str) for a in meta["agents"]):
        raise fail("'agents' must be a list of agent slugs.")
    if agents is not None:
        unknown = sorted(set(meta["agents"]) - agents)
        if unknown:
            raise fail(f"names agent(s) that are not seeded: {', '.join(unknown)}.",
                       hint="Use the slugs of the platform's agents (src/vital/schema/seed/0009_agents.json).")
    body = text[front.end():]
    if not re.search(r"^## \S", body, re.M):
        raise fail("has no '## ' section: the library is cut into chunks along its sections.")
    return LibraryDocument(slug, area, meta["title"].strip(), tuple(meta["agents"]), meta["summary"].strip(),
                           tuple(_source(s, fail) for s in meta["sources"]), body, hashlib.sha256(data).hexdigest())


def _source(raw, fail) -> Source:
    if not isinstance(raw, dict):
        raise fail("each [[sources]] entry must be a table.")
    for key, kind in _SOURCE_REQUIRED.items():
        if not isinstance(raw.get(key), kind) or (kind is str and not raw[key].strip()):
            raise fail(f"a source lacks '{key}' ({kind.__name__}).",
                       hint="Each [[sources]] has id, title, checked (true only if checked against the text), "
                            "and url where known.")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
        raise fail(f"source '{raw['id']}' has a url that is not http(s).")
    return Source(raw["id"].strip(), raw["title"].strip(), url, raw["checked"])
