"""Tenant resolution from the Host header: one pure function, tested without a server."""

from __future__ import annotations

import pytest

from vital.settings import Settings
from vital.tenancy import request_host, subdomain_from_host

DOMAINS = ("vitalexpert.ai", "localhost")


@pytest.mark.parametrize("host, expected", [
    ("acme.vitalexpert.ai", "acme"),
    ("ACME.VitalExpert.AI", "acme"),
    ("acme.vitalexpert.ai.", "acme"),
    ("acme.vitalexpert.ai:443", "acme"),
    ("acme.localhost:8000", "acme"),
    ("pharma-co.localhost", "pharma-co"),
    ("vitalexpert.ai", None),
    ("localhost:8000", None),
    ("a.b.vitalexpert.ai", None),
    ("acme.vitalexpert.ai.evil.com", None),
    ("acmevitalexpert.ai", None),
    ("-acme.localhost", None),
    ("acme_1.localhost", None),
    ("[::1]:8000", None),
    ("127.0.0.1:8000", None),
    ("", None),
    (None, None),
])
def test_the_tenant_is_the_first_label_under_a_tenant_domain(host, expected):
    assert subdomain_from_host(host, DOMAINS) == expected


def test_localhost_counts_only_when_run_locally():
    assert "localhost" in Settings(environment="local").tenant_domains
    assert "localhost" in Settings(environment="test").tenant_domains
    prod = Settings(environment="production", jwt_secret="s" * 40, base_domain="Example.COM")
    assert prod.tenant_domains == ("example.com",)


def test_x_forwarded_host_counts_only_when_trusted():
    headers = {"host": "acme.localhost", "x-forwarded-host": "evil.localhost, pharmaco.localhost"}
    assert request_host(headers, trust_forwarded=False) == "acme.localhost"
    assert request_host(headers, trust_forwarded=True) == "pharmaco.localhost"
    assert request_host({"host": "acme.localhost"}, trust_forwarded=True) == "acme.localhost"
