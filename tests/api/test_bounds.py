"""Every input bounded, every refusal a 4xx in PostgREST's shape: nesting, Unicode digits,
select width, embedding, filter count, body size (declared and streamed, JSON and uploads)."""

from __future__ import annotations

import pytest

PROFILES = "/rest/v1/profiles"


def _refused(response, status: int, code: str, *words: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message", "details", "hint"} and body["code"] == code
    for word in words:
        assert word in body["message"] + (body["details"] or "") + (body["hint"] or "")
    assert "SELECT" not in response.text and "Traceback" not in response.text
    return body


def _nested(depth: int) -> str:
    return "(" + "or(" * (depth - 1) + "id.not.is.null" + ")" * (depth - 1) + ")"


@pytest.mark.parametrize("depth", [11, 300, 5000])
def test_or_nesting_is_limited(api, depth):
    _refused(api.as_("acme").get(PROFILES, params={"or": _nested(depth)}), 400, "PGRST100",
             "10 levels", "VITAL_API_MAX_NESTING_DEPTH")


def test_nesting_within_the_limit_is_served(api):
    response = api.as_("acme").get(PROFILES, params={"and": _nested(10), "select": "id"})
    assert response.status_code == 200 and response.json(), response.text


@pytest.mark.parametrize("value", ["٣", "²", "１", "3.0", "-1", " 3"])
def test_limit_and_offset_take_ascii_digits_only(api, value):
    for name in ("limit", "offset"):
        _refused(api.as_("acme").get(PROFILES, params={name: value}), 400, "PGRST100", name)


def test_unicode_digits_in_range_are_refused(api):
    assert api.as_("acme").get(PROFILES, headers={"Range": "0-²".encode("latin-1")}).status_code == 416


def test_select_width_embeds_and_depth_are_limited(api):
    acme = api.as_("acme")
    _refused(acme.get(PROFILES, params={"select": ",".join(["id"] * 1700)}), 400, "PGRST100",
             "200 selected columns", "VITAL_API_MAX_COLUMNS")
    inner = ",".join(["subdomain"] * 150)
    _refused(acme.get(PROFILES, params={"select": f"id,a:tenants({inner}),b:tenants({inner})"}), 400, "PGRST100",
             "selected columns")
    embeds = ",".join(f"t{i}:tenants(id)" for i in range(21))
    _refused(acme.get(PROFILES, params={"select": f"id,{embeds}"}), 400, "PGRST100", "20 embedded resources")
    deep = "id," + "tenants(id," * 4 + "id" + ")" * 4
    _refused(acme.get(PROFILES, params={"select": deep}), 400, "PGRST100", "levels of embedding")
    assert acme.get(PROFILES, params={"select": ",".join(["id"] * 200)}).status_code == 200


def test_filter_count_is_limited(api):
    acme = api.as_("acme")
    params = [("id", "neq.00000000-0000-0000-0000-000000000000")] * 101
    _refused(acme.get(PROFILES, params=params), 400, "PGRST100", "100 filters", "VITAL_API_MAX_FILTERS")
    inside = "(" + ",".join(["id.is.null"] * 101) + ")"
    _refused(acme.get(PROFILES, params={"or": inside}), 400, "PGRST100", "filters")
    assert acme.get(PROFILES, params=params[:100]).status_code == 200


def test_in_lists_and_order_terms_are_limited(api):
    acme, ids = api.as_("acme"), [f"00000000-0000-0000-0000-{i:012d}" for i in range(1001)]
    _refused(acme.get(PROFILES, params={"id": f"in.({','.join(ids)})"}), 400, "PGRST100",
             "1000 values in one list", "VITAL_API_MAX_IN_VALUES")
    _refused(acme.get(PROFILES, params={"or": f"(id.in.({','.join(ids)}))"}), 400, "PGRST100", "1000 values")
    _refused(acme.get(PROFILES, params={"id": f"eq(any).{{{','.join(ids)}}}"}), 400, "PGRST100", "1000 values")
    _refused(acme.get(PROFILES, params={"order": ",".join(["id"] * 21)}), 400, "PGRST100",
             "20 order terms", "VITAL_API_MAX_ORDER_TERMS")
    _refused(acme.get(PROFILES, params={"select": "id,tenants(id)", "order": ",".join(["id.desc"] * 15),
                                        "tenants.order": ",".join(["id"] * 6)}), 400, "PGRST100", "order terms")
    assert acme.get(PROFILES, params={"id": f"in.({','.join(ids[:1000])})", "select": "id"}).status_code == 200
    assert acme.get(PROFILES, params={"order": ",".join(["id"] * 20), "select": "id"}).status_code == 200


def test_a_declared_body_over_the_limit_is_refused_before_anything(api):
    # An unknown host and no credentials: the size alone refuses it (no tenant lookup, no parsing).
    big = b"{" + b" " * (api.settings.max_body_bytes + 10) + b"}"
    stranger = api.as_("nobody-here", token=None)
    _refused(stranger.post("/api/v1/search", content=big, headers={"Content-Type": "application/json"}),
             413, "PGRST413", "VITAL_MAX_BODY_BYTES")
    _refused(api.as_("acme").post(PROFILES, content=big, headers={"Content-Type": "application/json"}),
             413, "PGRST413")


def test_a_streamed_body_is_counted_while_it_is_read(api):
    limit = api.settings.max_body_bytes

    def chunks():  # no Content-Length: chunked transfer, counted chunk by chunk
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536
    _refused(api.as_("acme").post("/api/v1/search", content=chunks(), headers={"Content-Type": "application/json"}),
             413, "PGRST413")
    _refused(api.as_("acme").post(PROFILES, content=chunks(), headers={"Content-Type": "application/json"}),
             413, "PGRST413")


def test_uploads_have_their_own_larger_limit(api):
    # Over the JSON limit but under the upload limit: read whole, then refused for the missing credentials only.
    data = b"\n" * (api.settings.max_body_bytes + 1000)
    response = api.as_("acme", token=None).post("/api/v1/knowledge/documents",
                                                files={"files": ("blank.txt", data, "text/plain")})
    assert response.status_code == 401, response.text
    over = api.settings.api_max_upload_bytes + 1
    _refused(api.as_("acme").post("/api/v1/knowledge/documents", content=b"x" * 10,
                                  headers={"Content-Type": "multipart/form-data; boundary=x",
                                           "Content-Length": str(over)}),
             413, "PGRST413", "VITAL_API_MAX_UPLOAD_BYTES")
