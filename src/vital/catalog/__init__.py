"""`vital.catalog`: one model of the live schema, read once from pg_catalog by one reader.

    catalog = read(conn)                 # vital.catalog.reader, queries in sql/catalog.sql
    catalog.table("agents").columns      # model.py: Table, Column, ForeignKey, Constraint, Function, ...
    catalog.dependency_order()           # order.py: parents before children

The API (and its PostgREST layer, api/rest/relations.py), operations (export,
import, erase, soft-delete restore, the Citus plan) and the schema docs all read
this one model; the API process holds one instance.
"""

from vital.catalog.catalog import Catalog
from vital.catalog.model import (SOFT_DELETE, TENANT, Argument, Column, Constraint, Definition, ForeignKey, Function,
                                 Policy, Table, display_name)
from vital.catalog.reader import read

__all__ = ["SOFT_DELETE", "TENANT", "Argument", "Catalog", "Column", "Constraint", "Definition", "ForeignKey",
           "Function", "Policy", "Table", "display_name", "read"]
