-- Fixed-window counters in vital.rate_counters, through definer functions (the API role sees no table).

-- name: hit
SELECT hits, last_hit_at, window_end FROM vital.rate_hit(%(bucket)s, %(key_hash)s, %(window)s)

-- name: hits
-- Several hits in one round trip: rate_hit once per row (the lateral reference to g
-- makes it run each time); the last row is the count after all of them.
SELECT h.hits, h.last_hit_at, h.window_end
FROM generate_series(1, %(amount)s) AS g(n),
     LATERAL vital.rate_hit(%(bucket)s, %(key_hash)s, %(window)s + g.n * interval '0') AS h
ORDER BY g.n DESC LIMIT 1

-- name: peek
SELECT hits, last_hit_at, window_end FROM vital.rate_peek(%(bucket)s, %(key_hash)s)

-- name: clear
SELECT vital.rate_clear(%(bucket)s, %(key_hash)s)
