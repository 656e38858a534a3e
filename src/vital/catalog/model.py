"""The live schema as plain values: tables (and views), their columns, constraints,
foreign keys, indexes, policies and triggers, as pg_catalog holds them.

The rules the rest of the code relies on are written here once, as properties:
which column names a row's tenant, which foreign keys may point into the platform
library, which tables soft-delete and which of those a tenant restores itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

TENANT = "tenant_id"
SOFT_DELETE = "deleted_at"
# The restrictive policy that keeps the platform's rows read-only for tenants:
# a table that has it holds library rows every tenant reads.
LIBRARY_POLICY = "platform_rows_no_update"
CONSTRAINT_KINDS = {"p": "primary key", "u": "unique", "f": "foreign key", "c": "check", "x": "exclusion"}


def display_name(schema: str, name: str) -> str:
    """`agents` for schema public, `auth.users` elsewhere: how tables are named across VITAL."""
    return name if schema == "public" else f"{schema}.{name}"


@dataclass(frozen=True)
class Column:
    name: str
    type: str                 # as format_type() prints it: uuid, text[], numeric(3,2), vector(384), ...
    element: str              # the type's name, or its element's for an array
    is_array: bool
    nullable: bool
    expression: str | None    # the default, or the generation expression of a generated column
    generation: str = ""      # '' not generated, 's' stored, 'v' virtual
    identity: str = ""        # '' none, 'a' always, 'd' by default
    comment: str | None = None
    enum: tuple = ()          # the allowed values, from a CHECK (col = ANY (ARRAY[...])) constraint

    @property
    def generated(self) -> bool:
        return self.generation != ""

    @property
    def has_default(self) -> bool:
        """An INSERT may leave it out: a default, an identity or a generated value."""
        return self.expression is not None or self.identity != ""


@dataclass(frozen=True)
class Constraint:
    """A primary key, unique, foreign-key, check or exclusion constraint as written (pg_constraint)."""
    name: str
    kind: str                 # p, u, f, c, x (pg_constraint.contype)
    columns: tuple[str, ...]
    definition: str

    @property
    def kind_name(self) -> str:
        return CONSTRAINT_KINDS[self.kind]


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str                # the referencing table's display name
    columns: tuple[str, ...]
    parent: str               # the referenced table's display name (`tenants`, `auth.users`)
    parent_columns: tuple[str, ...]
    on_delete: str = "a"      # a no action, r restrict, c cascade, n set null, d set default
    set_null: tuple[str, ...] = ()  # the columns ON DELETE SET NULL / SET DEFAULT clears

    @property
    def library(self) -> bool:
        """A reference that may point into the platform library: (<x>_tenant_id, <x>_id).

        A tenant's own references lead with tenant_id, so they stay inside the tenant;
        one that leads with another tenant column may name the platform tenant's rows."""
        first = self.columns[0]
        return first != TENANT and first.endswith(TENANT)

    @property
    def self_reference(self) -> bool:
        return self.table == self.parent


@dataclass(frozen=True)
class Definition:
    """An index or a trigger: its name and the CREATE statement that makes it."""
    name: str
    definition: str


@dataclass(frozen=True)
class Policy:
    name: str
    command: str              # SELECT, INSERT, UPDATE, DELETE, ALL
    mode: str                 # permissive, restrictive
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None


@dataclass(frozen=True)
class Table:
    """A table or a view.

    Soft delete, two rules (both from the columns, never from a list of names):
    - `soft_delete`: the relation has `deleted_at`; the API's DELETE sets it and reads
      hide such rows. `tenants` soft-deletes too: an erased tenant keeps a tombstone.
    - `restorable_by_tenant`: a soft-deleting table of tenant rows (it has tenant_id),
      whose deleted rows the tenant lists and restores itself, through RLS. The
      `tenants` row is not one of them: only the operator revives a tenant.
    """
    schema: str
    name: str
    kind: str                 # r table, p partitioned table, v view, m materialized view
    comment: str | None
    columns: dict[str, Column]
    constraints: tuple[Constraint, ...] = ()    # every kind, foreign keys included, by name
    foreign_keys: tuple[ForeignKey, ...] = ()   # by name
    indexes: tuple[Definition, ...] = ()
    policies: tuple[Policy, ...] = ()
    triggers: tuple[Definition, ...] = ()
    rls_enabled: bool = False
    rls_forced: bool = False
    options: tuple[str, ...] = ()               # reloptions, e.g. security_invoker=true
    definition: str | None = None               # a view's query
    privileges: frozenset[str] = frozenset()    # what `authenticated` may do: SELECT, INSERT, UPDATE, DELETE

    @property
    def display(self) -> str:
        return display_name(self.schema, self.name)

    @property
    def ident(self) -> sql.Identifier:
        return sql.Identifier(self.schema, self.name)

    @property
    def is_view(self) -> bool:
        return self.kind in ("v", "m")

    @property
    def is_public_table(self) -> bool:
        """A table of schema public: what holds tenant rows (views and auth.users do not)."""
        return self.schema == "public" and not self.is_view

    @property
    def primary_key(self) -> tuple[str, ...]:
        return next((c.columns for c in self.constraints if c.kind == "p"), ())

    @property
    def unique_keys(self) -> tuple[tuple[str, ...], ...]:
        """The primary key and every unique constraint."""
        return tuple(c.columns for c in self.constraints if c.kind in ("p", "u"))

    def key_columns(self, kind: str) -> set[str]:
        """The columns of every constraint of one kind (p, u, f...)."""
        return {name for c in self.constraints if c.kind == kind for name in c.columns}

    @property
    def writable(self) -> tuple[str, ...]:
        """The columns a COPY or an INSERT can write, in table order (generated ones are derived)."""
        return tuple(c.name for c in self.columns.values() if not c.generated)

    @property
    def tenant_scoped(self) -> bool:
        return TENANT in self.columns

    @property
    def tenant_column(self) -> str | None:
        """The column naming the row's tenant: tenant_id, or the tenants row's own id."""
        if self.schema == "public" and self.name == "tenants":
            return "id"
        return TENANT if self.tenant_scoped else None

    @property
    def library(self) -> bool:
        """Holds platform library rows, which every tenant reads and none may change."""
        return any(p.name == LIBRARY_POLICY for p in self.policies)

    @property
    def soft_delete(self) -> bool:
        return SOFT_DELETE in self.columns

    @property
    def restorable_by_tenant(self) -> bool:
        return self.soft_delete and self.tenant_scoped and self.is_public_table

    # What the API's requests may do (they run as `authenticated`); a view is read-only here.
    @property
    def can_select(self) -> bool:
        return "SELECT" in self.privileges

    @property
    def can_insert(self) -> bool:
        return "INSERT" in self.privileges and not self.is_view

    @property
    def can_update(self) -> bool:
        return "UPDATE" in self.privileges and not self.is_view

    @property
    def can_delete(self) -> bool:
        return "DELETE" in self.privileges and not self.is_view


@dataclass(frozen=True)
class Argument:
    """One argument of a function, or one field of what it returns."""
    name: str                 # '' for an unnamed argument
    type: str                 # format_type(): uuid, vector, text[], ...
    element: str
    is_array: bool
    mode: str = "i"           # i in, o out, b inout, v variadic, t a column of RETURNS TABLE

    @property
    def is_input(self) -> bool:
        return self.mode in ("i", "b", "v")

    def as_column(self) -> Column:
        return Column(self.name, self.type, self.element, self.is_array, True, None)


@dataclass(frozen=True)
class Function:
    """A function of an exposed schema, as /rest/v1/rpc calls it (pg_proc)."""
    schema: str
    name: str
    volatility: str           # i immutable, s stable, v volatile
    returns_set: bool
    returns: str              # format_type() of the return type: integer, record, void, agents ...
    return_kind: str          # pg_type.typtype: b base, c composite, d domain, e enum, p pseudo (record, void)
    return_relation: str | None  # the table or view whose rows it returns (display name), if any
    arguments: tuple[Argument, ...]
    fields: tuple[Argument, ...]  # the fields of a composite return type
    defaults: int = 0         # how many trailing input arguments have defaults
    definer: bool = False
    executable_by: frozenset[str] = frozenset()  # which of anon, authenticated, service_role may EXECUTE it
    comment: str | None = None

    @property
    def display(self) -> str:
        return display_name(self.schema, self.name)

    @property
    def ident(self) -> sql.Identifier:
        return sql.Identifier(self.schema, self.name)

    @property
    def inputs(self) -> tuple[Argument, ...]:
        return tuple(a for a in self.arguments if a.is_input)

    @property
    def required(self) -> tuple[Argument, ...]:
        inputs = self.inputs
        return inputs[:len(inputs) - self.defaults]

    @property
    def read_only(self) -> bool:
        """STABLE or IMMUTABLE: callable with GET, run in a read-only transaction."""
        return self.volatility in ("s", "i")

    @property
    def void(self) -> bool:
        return self.returns == "void"

    @property
    def columns(self) -> tuple[Argument, ...]:
        """The columns of the rows it returns: RETURNS TABLE / OUT arguments, or a composite's fields;
        () for a scalar (or void) result. A single OUT argument is a scalar, as in PostgreSQL."""
        outs = tuple(a for a in self.arguments if a.mode in ("o", "b", "t"))
        if len(outs) > 1 or (outs and self.returns == "record"):
            return outs
        return self.fields if self.return_kind == "c" else ()
