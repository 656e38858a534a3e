"""The one SQL loader: whole files, named statements, clear errors for wrong names."""

import pytest

from vital.db.queries import Queries


def test_whole_file_and_named_statements():
    services = Queries("vital.services.limits")  # a module: its package's sql/ folder
    assert services("limits.count_usage").lstrip().upper().startswith(("SELECT", "WITH", "INSERT"))
    knowledge = Queries("vital.knowledge")         # a package: its own sql/ folder
    text = knowledge("search.fulltext")
    assert "--" not in text and not text.endswith(";")


def test_wrong_names_say_what_exists():
    knowledge = Queries("vital.knowledge")
    with pytest.raises(KeyError, match="no statement 'nope'"):
        knowledge("search.nope")
    with pytest.raises(KeyError, match="holds named statements"):
        knowledge("search")
    with pytest.raises(KeyError, match="no file"):
        knowledge("missing")
