-- The record of every message (migration 20261124000021_mail_links), through its definer function.

-- name: record
SELECT vital.record_mail(%(tenant_id)s, %(recipient)s, %(kind)s, %(subject)s, %(status)s, %(error)s) AS id
