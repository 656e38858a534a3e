"""Storage at /storage/v1 over real HTTP: upload, download and remove objects of a few sizes in the
demo tenant `acme` (in a bucket `bench` made for the run, so that nothing is ingested), and report latency and throughput per size.

Uses the database in use (VITAL_DATABASE_URL, else the embedded one in VITAL_DATA_DIR), seeded
(`vital up --no-serve`). The API runs in this process behind uvicorn on loopback. Run from the
project root:

    .venv/bin/python bench/storage_roundtrip.py [--sizes 100000,1000000,10000000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

import httpx
import uvicorn

from vital.api.app import create_app
from vital.auth.secret import with_secret
from vital.auth.tokens import mint_token
from vital.db.connection import Database
from vital.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    settings = with_secret(load_settings()).model_copy(
        update={"storage_max_object_bytes": max(sizes), "api_max_upload_bytes": max(sizes) * 2})
    with Database(settings) as db, db.connect(autocommit=True) as conn:
        tenant, user = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                    "AND u.email = 'ada@acme.example'").fetchone()
        conn.execute("INSERT INTO storage_buckets (tenant_id, name) VALUES (%s, 'bench') ON CONFLICT DO NOTHING",
                     (tenant,))
        token = mint_token(settings, tenant_id=tenant, user_id=user)
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_config=None,
                                               access_log=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        base = f"http://127.0.0.1:{port}/storage/v1"
        headers = {"Host": "acme.localhost", "Authorization": f"Bearer {token}"}
        try:
            with httpx.Client(headers=headers, timeout=120) as http:
                print(f"{'size':>12} {'upload p50 ms':>14} {'MB/s':>7} {'download p50 ms':>16} {'MB/s':>7}")
                for size in sizes:
                    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
                    up, down = [], []
                    for n in range(args.rounds):
                        path = f"{base}/object/bench/run/{size}-{n}.bin"
                        started = time.perf_counter()
                        answer = http.post(path, content=data, headers={"Content-Type": "application/octet-stream"})
                        up.append(time.perf_counter() - started)
                        assert answer.status_code == 200, answer.text
                        started = time.perf_counter()
                        got = http.get(path)
                        down.append(time.perf_counter() - started)
                        assert got.content == data
                    http.request("DELETE", f"{base}/object/bench",
                                 json={"prefixes": [f"run/{size}-{n}.bin" for n in range(args.rounds)]})
                    u, d = statistics.median(up), statistics.median(down)
                    print(f"{size:>12,} {u * 1000:>14.1f} {size / u / 1e6:>7.1f} {d * 1000:>16.1f} {size / d / 1e6:>7.1f}")
        finally:
            server.should_exit = True
            thread.join(10)
            conn.execute("DELETE FROM storage_buckets WHERE tenant_id = %s AND name = 'bench'", (tenant,))


if __name__ == "__main__":
    main()
