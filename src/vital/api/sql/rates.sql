-- The shared request-rate counters (vital.rate_counters), many keys of a bucket per round trip.

-- name: add
SELECT key_hash, hits, window_end FROM vital.rate_add(%(bucket)s, %(key_hashes)s, %(amounts)s, %(window)s)
