"""vital tenant export / import / erase: a tenant moves between deployments whole, ids
preserved, and an erase leaves nothing of it but a tombstone and one audit entry."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import pg
from tests.helpers import tenant_id, user_id
from tests.ops.digests import digests
from vital.cli.main import cli
from vital.ops.tenant_erase import erase_tenant


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One export for the module's tests that read the archive: `vital tenant export` (in-process, the same
    command) from a clone that these tests only read or refuse to import into."""
    name = pg.clone()
    path = tmp_path_factory.mktemp("export") / "acme.tar.gz"
    done = CliRunner().invoke(cli, ["tenant", "export", "acme", "--out", str(path)],
                              env={"VITAL_DATABASE_URL": pg.url(name), "VITAL_ENVIRONMENT": "test"})
    assert done.exit_code == 0, done.output
    yield name, path
    pg.drop(name)


@pytest.fixture
def source(exported) -> str:
    return exported[0]


@pytest.fixture
def archive(exported) -> Path:
    return exported[1]


@pytest.fixture
def elsewhere():
    """Another deployment: the same schema and library, and no tenant acme at all."""
    name = pg.clone()
    with pg.connect(name) as conn:
        acme = tenant_id(conn, "acme")
        erase_tenant(conn, "acme")
        conn.execute("SET LOCAL session_replication_role = replica")  # the tombstone's own audit trigger
        conn.execute("DELETE FROM audit_log WHERE tenant_id = %s", (acme,))
        conn.execute("DELETE FROM tenants WHERE id = %s", (acme,))
        conn.commit()
    yield name
    pg.drop(name)


def ids(database: str, subdomain: str = "acme") -> uuid.UUID:
    with pg.connect(database) as conn:
        return tenant_id(conn, subdomain)


def of_tenant(found: dict, tenant: uuid.UUID) -> dict:
    return {k[0]: v for k, v in found.items() if len(k) == 2 and k[1] == tenant}


def not_of_tenant(found: dict, tenant: uuid.UUID) -> dict:
    return {k: v for k, v in found.items() if len(k) == 2 and k[1] != tenant}


def test_the_archive_holds_every_row_of_the_tenant_with_a_manifest(source, archive):
    acme = ids(source)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        for entry in manifest["tables"]:
            assert hashlib.sha256(tar.extractfile(entry["file"]).read()).hexdigest() == entry["sha256"]
    newest = max(m.version for m in pg.migrations())
    assert (manifest["format"], manifest["format_version"], manifest["schema_version"]) == \
        ("vital-tenant-export", 1, newest)
    assert manifest["tenant"] == {"id": str(acme), "subdomain": "acme", "name": "Acme Therapeutics"}
    rows = {e["table"]: e["rows"] for e in manifest["tables"]}
    expected = {f"public.{t}": n for t, n in rows.items() if "." not in t}  # auth.users, vital.*: apart
    assert {k: v[0] for k, v in of_tenant(digests(source, by_tenant=True), acme).items()} == \
        {k: v for k, v in expected.items() if v}
    assert rows["auth.users"] == 1 and len(rows) >= 125


def test_an_imported_tenant_has_exactly_its_rows_and_ids_and_one_import_entry(source, archive, elsewhere, vital):
    acme = ids(source)
    exported = digests(source, by_tenant=True)
    others = not_of_tenant(digests(elsewhere, by_tenant=True), acme)
    done = vital(elsewhere, "tenant", "import", str(archive))
    assert "tenant acme" in done.stdout and "1 user(s) added" in done.stdout
    imported = digests(elsewhere, by_tenant=True)
    audit = "public.audit_log"
    assert {k: v for k, v in of_tenant(imported, acme).items() if k != audit} == \
           {k: v for k, v in of_tenant(exported, acme).items() if k != audit}
    assert not_of_tenant(imported, acme) == others
    with pg.connect(elsewhere) as conn, pg.connect(source) as original:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE tenant_id = %s", (acme,)).fetchone()[0] == \
            of_tenant(exported, acme)[audit][0] + 1
        assert conn.execute("SELECT action FROM audit_log WHERE tenant_id = %s ORDER BY created_at DESC LIMIT 1",
                            (acme,)).fetchone() == ("IMPORT",)
        query = "SELECT id, email, raw_app_meta_data FROM auth.users WHERE email = 'ada@acme.example'"
        assert conn.execute(query).fetchone() == original.execute(query).fetchone()


def test_an_import_refuses_a_tenant_that_exists_and_writes_nothing(source, archive, vital):
    before = digests(source)
    refused = vital(source, "tenant", "import", str(archive), ok=False)
    assert refused.returncode == 1 and "same id exists here already" in refused.stderr
    assert digests(source) == before


def test_an_import_refuses_any_id_that_exists_here_and_writes_nothing(source, archive, elsewhere, vital):
    with pg.connect(source) as conn:
        tag = conn.execute("SELECT id FROM tags WHERE tenant_id = %s LIMIT 1", (ids(source),)).fetchone()[0]
    with pg.connect(elsewhere) as conn:  # another tenant's row happens to carry the same id
        conn.execute("INSERT INTO tags (id, tenant_id, slug, name) VALUES (%s, %s, 'same-id', 'Same id')",
                     (tag, tenant_id(conn, "pharmaco")))
        conn.commit()
    before = digests(elsewhere)
    refused = vital(elsewhere, "tenant", "import", str(archive), ok=False)
    assert "ids that exist here already" in refused.stderr and "tags: 1 id(s)" in refused.stderr
    assert digests(elsewhere) == before


def test_an_import_refuses_references_to_library_rows_this_deployment_lacks(archive, elsewhere, vital, tmp_path):
    def point_at_a_missing_level(lines: list[list[str]], columns: list[str]) -> None:
        platform = str(uuid.UUID(int=0))
        line = next(line for line in lines if line[columns.index("level_tenant_id")] == platform)
        line[columns.index("level_id")] = str(uuid.uuid4())

    broken = _rewrite(archive, tmp_path / "broken.tar.gz", "agents", point_at_a_missing_level)
    before = digests(elsewhere)
    refused = vital(elsewhere, "tenant", "import", str(broken), ok=False)
    assert "platform library rows this deployment does not have" in refused.stderr
    assert "agents.level_id -> agent_levels: 1 row(s)" in refused.stderr
    assert digests(elsewhere) == before


def test_an_import_refuses_a_damaged_archive_or_a_newer_schema(archive, elsewhere, vital, tmp_path):
    def change_a_value(lines, columns):
        lines[0][columns.index("name")] = "Changed"

    damaged = _rewrite(archive, tmp_path / "damaged.tar.gz", "agents", change_a_value, fix_checksum=False)
    assert "does not match the manifest's sha256" in vital(elsewhere, "tenant", "import", str(damaged), ok=False).stderr
    newer = _rewrite(archive, tmp_path / "newer.tar.gz", manifest={"schema_version": "29991231000000"})
    assert "has not applied" in vital(elsewhere, "tenant", "import", str(newer), ok=False).stderr
    not_an_archive = tmp_path / "plain.tar.gz"
    not_an_archive.write_text("hello")
    assert "not a readable .tar.gz" in vital(elsewhere, "tenant", "import", str(not_an_archive), ok=False).stderr


def test_erase_leaves_a_tombstone_and_one_audit_entry_and_every_other_tenant_untouched(fresh_db, vital):
    acme, pharmaco = ids(fresh_db), ids(fresh_db, "pharmaco")
    with pg.connect(fresh_db) as conn:  # ada also works for pharmaco: her account must stay
        conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, 'Ada')",
                     (pharmaco, user_id(conn, "ada@acme.example")))
        conn.execute("INSERT INTO auth.users (email) VALUES ('only@acme.example') RETURNING id")
        conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) "
                     "SELECT %s, id, 'Only' FROM auth.users WHERE email = 'only@acme.example'", (acme,))
        conn.commit()
    before = digests(fresh_db, by_tenant=True)
    assert len(of_tenant(before, acme)) > 90
    done = vital(fresh_db, "tenant", "erase", "acme", "--confirm")
    assert "1 user(s)" in done.stdout
    after = digests(fresh_db, by_tenant=True)
    assert not_of_tenant(after, acme) == not_of_tenant(before, acme)  # checksums of every other tenant's rows
    assert {k: v[0] for k, v in of_tenant(after, acme).items()} == {"public.tenants": 1, "public.audit_log": 1}
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT status, deleted_at IS NOT NULL, settings, created_by FROM tenants WHERE id = %s",
                            (acme,)).fetchone() == ("suspended", True, {}, None)
        action, old, counts = conn.execute(
            "SELECT action, old_data, new_data->'rows' FROM audit_log WHERE tenant_id = %s", (acme,)).fetchone()
        assert action == "ERASE" and old is None
        assert counts == {k.removeprefix("public."): v[0] for k, v in of_tenant(before, acme).items()
                          if k != "public.tenants"}
        emails = {r[0] for r in conn.execute("SELECT email FROM auth.users")}
        assert "ada@acme.example" in emails and "only@acme.example" not in emails


def test_erase_refuses_the_platform_and_erases_nothing_without_confirm(fresh_db, vital):
    before = digests(fresh_db)
    refused = vital(fresh_db, "tenant", "erase", "platform", "--confirm", ok=False)
    assert refused.returncode == 1 and "cannot be erased" in refused.stderr
    dry = vital(fresh_db, "tenant", "erase", "acme", ok=False)
    assert dry.returncode == 1 and "Nothing erased" in dry.stderr and "agents" in dry.stdout
    assert "not a client's data" in vital(fresh_db, "tenant", "export", "platform", ok=False).stderr
    assert digests(fresh_db) == before


def _rewrite(archive: Path, out: Path, table: str | None = None, edit=None, *, fix_checksum: bool = True,
             manifest: dict | None = None) -> Path:
    """A copy of the archive with one table's rows or the manifest changed."""
    with tarfile.open(archive) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    meta = json.loads(members["manifest.json"])
    meta.update(manifest or {})
    if table:
        entry = next(e for e in meta["tables"] if e["table"] == table)
        lines = [line.split("\t") for line in members[entry["file"]].decode().splitlines()]
        edit(lines, entry["columns"])
        members[entry["file"]] = "".join("\t".join(line) + "\n" for line in lines).encode()
        if fix_checksum:
            entry["sha256"] = hashlib.sha256(members[entry["file"]]).hexdigest()
    members["manifest.json"] = json.dumps(meta).encode()
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out
