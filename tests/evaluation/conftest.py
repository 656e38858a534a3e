"""One database with the platform library (as `vital up` leaves it) for the evaluation tests,
shared by the package's modules (each writes only rows of its own)."""

from __future__ import annotations

import pytest

from tests import pg

TINY = '''
[[question]]
text = "which dictionary do we code adverse events with?"
document = "data-management-plan-and-database-lock"
fact = 'MedDRA'
set = "golden"

[[question]]
text = "who won the last football world cup?"
decline = true
set = "golden"

[[question]]
text = "what colour is the sponsor's logo on page one of the CSR?"
document = "clinical-study-report-writing-and-disclosure"
fact = 'zzz-no-document-says-this'
set = "dev"
'''


@pytest.fixture(scope="package")
def library_db():
    name = pg.clone(template=pg.LIBRARY)
    yield name
    pg.drop(name)
