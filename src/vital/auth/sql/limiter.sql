-- Fixed-window counters in vital.rate_counters, through definer functions (the API role sees no table).

-- name: hit
SELECT hits, last_hit_at, window_end FROM vital.rate_hit(%(bucket)s, %(key_hash)s, %(window)s)

-- name: peek
SELECT hits, last_hit_at, window_end FROM vital.rate_peek(%(bucket)s, %(key_hash)s)

-- name: clear
SELECT vital.rate_clear(%(bucket)s, %(key_hash)s)
