-- Rollback of 20261124000021_mail_links.
DROP FUNCTION IF EXISTS vital.record_mail(uuid, text, text, text, text, text);
DROP FUNCTION IF EXISTS vital.spend_link(uuid, text, text, text[]);
DROP FUNCTION IF EXISTS vital.join_tenant(uuid, text, text, uuid);
DROP FUNCTION IF EXISTS vital.issue_link(uuid, text, text, text, text, timestamptz, boolean, text);
DROP FUNCTION IF EXISTS vital.signup_open(uuid);
DROP FUNCTION IF EXISTS vital.redirect_urls(uuid);
DROP TABLE IF EXISTS vital.sent_mail;
DROP TABLE IF EXISTS vital.one_time_tokens;
