"""E-mail of the sign-in flows: sent by SMTP (`VITAL_SMTP_*`), and every message recorded
for the operator in `vital.sent_mail` (tenant, recipient, kind, subject, status; never the
link, which would sign in whoever reads the table). In `local`/`test` without an SMTP host
the message, link included, goes to the server log instead (status `logged`).

Sending happens outside any database transaction: a slow mail server never holds a lock.
"""

from __future__ import annotations

import logging
import smtplib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Callable
from uuid import UUID

import psycopg

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.settings import LOCAL_ENVIRONMENTS, Settings

SQL = Queries(__name__)
log = logging.getLogger("vital.auth.mail")

_SUBJECTS = {
    "magiclink": "Your sign-in link for {tenant}",
    "signup": "Confirm your sign-up to {tenant}",
    "recovery": "Reset your password for {tenant}",
    "invite": "You are invited to join {tenant}",
}
_LEADS = {
    "magiclink": "Follow this link to sign in:",
    "signup": "Follow this link to confirm your sign-up:",
    "recovery": "Follow this link to reset your password:",
    "invite": "You have been invited to join {tenant} as {role}. Follow this link to accept:",
}


class MailNotConfigured(RuntimeError):
    """Outside local/test, a message is due and no SMTP host is set."""


@dataclass(frozen=True)
class Message:
    tenant_id: UUID | None
    tenant: str          # the tenant's subdomain, as the recipient knows it
    recipient: str
    kind: str            # magiclink | signup | recovery | invite
    link: str
    code: str | None = None
    role: str | None = None

    def subject(self) -> str:
        return _SUBJECTS[self.kind].format(tenant=self.tenant)

    def body(self) -> str:
        lines = [_LEADS[self.kind].format(tenant=self.tenant, role=self.role), "", self.link, ""]
        if self.code:
            lines += [f"Or enter this code: {self.code}", ""]
        lines.append("If you did not ask for this, ignore this message: the link expires on its own.")
        return "\n".join(lines)


class Mailer:
    """`connect` gives a connection for the record: the API pool's `connection`, or the CLI's."""

    def __init__(self, connect: Callable[[], AbstractContextManager[psycopg.Connection]], settings: Settings):
        self.connect, self.settings = connect, settings

    def send(self, message: Message) -> str:
        """Sends (or logs) the message, records it, and returns its status: sent | logged | failed."""
        status, error = "sent", None
        try:
            if self.settings.smtp_host:
                self._smtp(message)
            elif self.settings.environment in LOCAL_ENVIRONMENTS:
                status = "logged"
                log.warning("mail to %s (%s, no VITAL_SMTP_HOST): %s\n%s", message.recipient, message.kind,
                            message.subject(), message.body())
            else:
                raise MailNotConfigured("VITAL_SMTP_HOST is not set")
        except (OSError, smtplib.SMTPException, MailNotConfigured) as exc:
            status, error = "failed", f"{type(exc).__name__}: {exc}"
            log.error("mail to %s (%s) failed: %s", message.recipient, message.kind, error)
        with translate(), self.connect() as conn:
            conn.execute(SQL("mail.record"), {"tenant_id": message.tenant_id, "recipient": message.recipient,
                                              "kind": message.kind, "subject": message.subject(),
                                              "status": status, "error": error})
        return status

    def _smtp(self, message: Message) -> None:
        s = self.settings
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = s.smtp_from, message.recipient, message.subject()
        mail.set_content(message.body())
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_user:
                smtp.login(s.smtp_user, s.smtp_password.get_secret_value() if s.smtp_password else "")
            smtp.send_message(mail)
