"""`vital docs`: the committed schema docs match the migrations, and the generator reads the live catalog."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from tests import pg
from vital.cli.main import cli
from vital.schemadocs import drift, generate, load, write
from vital.schemadocs.render import render_svg
from vital.settings import SCHEMA_DIR

REPO_DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema"
MIGRATIONS = SCHEMA_DIR / "migrations"
REGENERATE = ("VITAL_DATA_DIR=/tmp/docs/.vital vital db reset && "
              "VITAL_DATA_DIR=/tmp/docs/.vital vital docs")


def _schema(database: str):
    with pg.connect(database) as conn:
        return load(conn, MIGRATIONS)


def _checked_files(folder: Path) -> dict[str, str]:
    paths = [*folder.glob("*.md"), *folder.glob("er/*.mmd")]
    return {p.relative_to(folder).as_posix(): p.read_text() for p in paths}


def test_committed_schema_docs_match_the_migrations(tmp_path):
    schema = _schema(pg.template_db())
    write(generate(schema), tmp_path)
    generated, committed = _checked_files(tmp_path), _checked_files(REPO_DOCS)
    differing = sorted(name for name in generated.keys() | committed.keys()
                       if generated.get(name) != committed.get(name))
    assert not differing, (
        f"docs/schema is out of date with the migrations ({', '.join(differing[:5])}"
        f"{f' and {len(differing) - 5} more' if len(differing) > 5 else ''}): "
        "regenerate it with `vital docs` on a freshly migrated database, from the repository root: "
        f"{REGENERATE}")
    assert len(schema.tables) >= 125


def test_check_reports_drift_and_exits_1(tmp_path):
    env = {"VITAL_DATABASE_URL": pg.url(pg.shared_db()), "VITAL_ENVIRONMENT": "test"}
    run = lambda *args: CliRunner().invoke(cli, ["docs", "--out", str(tmp_path), *args], env=env)
    assert run().exit_code == 0
    assert run("--check").exit_code == 0
    (tmp_path / "er" / "core.mmd").write_text("erDiagram\n")
    (tmp_path / "search.md").unlink()
    done = run("--check")
    assert done.exit_code == 1
    assert "changed  er/core.mmd" in done.output and "missing  search.md" in done.output
    files = generate(_schema(pg.shared_db()))
    assert drift(files, tmp_path) == ["changed  er/core.mmd", "missing  search.md"]


def test_a_new_table_appears_with_its_comment_and_columns(fresh_db):
    with pg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("""
            CREATE TABLE public.docs_probe (
              tenant_id uuid NOT NULL REFERENCES public.tenants (id),
              id uuid NOT NULL DEFAULT gen_random_uuid(),
              probe_score smallint CONSTRAINT docs_probe_score_range CHECK (probe_score BETWEEN 1 AND 5),
              PRIMARY KEY (tenant_id, id))""")
        conn.execute("COMMENT ON TABLE public.docs_probe IS 'A probe table for the docs generator.'")
        conn.execute("COMMENT ON COLUMN public.docs_probe.probe_score IS 'How well the probe did.'")
    schema = _schema(fresh_db)
    gold = generate(schema)["GOLD_STANDARD_SCHEMA.md"]
    section = gold.split("### docs_probe\n", 1)[1].split("\n### ", 1)[0]
    assert "A probe table for the docs generator." in section
    assert "| `probe_score` | `smallint` | yes |  | How well the probe did. |" in section
    assert "| `id` | `uuid` | no | `gen_random_uuid()` |  |" in section
    assert "`docs_probe_score_range` | check | `CHECK (probe_score >= 1 AND probe_score <= 5)`" in section
    # Created outside any migration: its own domain, counted in the summary.
    assert schema.domains[-1].key == "other"
    assert f"| **Total** | **{len(schema.tables)}** |" in gold


def test_mermaid_has_a_relationship_line_for_a_known_foreign_key():
    files = generate(_schema(pg.shared_db()))
    core = files["er/core.mmd"]
    assert core.startswith("erDiagram\n")
    assert '  "auth.users" ||..o{ profiles : "user_id"' in core
    assert '  tenants ||--o{ profiles : "tenant_id"' in core
    assert '  personas ||..o{ persona_motivations : "persona_id"' in files["er/personas.mmd"]
    assert "```mermaid\n" + core in files["core.md"]


def test_svg_rendering_gives_a_valid_svg(tmp_path):
    assert shutil.which("dot"), "Graphviz `dot` is missing: apt-get install graphviz (.ci/run installs it)"
    core = next(d for d in _schema(pg.shared_db()).domains if d.key == "core")
    path = render_svg(core, tmp_path / "er" / "core.svg")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"tenants", "profiles", "auth.users"} <= texts
