"""The tenant/key cache: bounded, least recently used out first, and unknown hosts remembered apart
(cheap repeated misses that never evict the tenants being served). Real pool, real database."""

from __future__ import annotations

import pytest
from psycopg_pool import ConnectionPool

from tests import pg
from vital.api.directory import Directory, Lru


def test_lru_evicts_the_least_recently_used_and_expires():
    cache = Lru(2)
    cache.put(("a",), 1, expires=100)
    cache.put(("b",), 2, expires=100)
    assert cache.get(("a",), now=0) == 1  # a is now the most recent
    cache.put(("c",), 3, expires=100)
    assert ("b",) not in cache and cache.get(("a",), now=0) == 1 and cache.get(("c",), now=0) == 3
    assert Directory.missed(cache.get(("c",), now=101)) and ("c",) not in cache


@pytest.fixture(scope="module")
def pool():
    with ConnectionPool(pg.url(pg.shared_db()), min_size=1, max_size=2) as opened:
        yield opened


def _queries(pool) -> int:
    return pool.get_stats().get("requests_num", 0)


def test_unknown_hosts_are_cached_apart_and_never_evict_known_tenants(pool):
    directory = Directory(pool, ttl=60, size=4, unknown=8)
    acme = directory.tenant("acme")
    assert acme is not None and acme.subdomain == "acme"
    before = _queries(pool)
    for i in range(50):  # a flood of random hosts
        assert directory.tenant(f"random-{i}") is None
    assert _queries(pool) - before == 50 and len(directory.unknown) == 8 and len(directory.found) == 1
    before = _queries(pool)
    assert directory.tenant("random-49") is None and directory.tenant("acme") == acme
    assert _queries(pool) == before  # both answered from the caches: no query
    assert directory.peek(("tenant", "acme")) == acme and directory.peek(("tenant", "random-49")) is None
    assert Directory.missed(directory.peek(("tenant", "random-0")))  # evicted by the newer misses


def test_no_ttl_remembers_nothing(pool):
    directory = Directory(pool, ttl=0)
    assert directory.tenant("nobody") is None and directory.tenant("acme") is not None
    assert len(directory.found) == len(directory.unknown) == 0
