"""The server-side key that seals tenants' SSO client secrets (Fernet: AES-128-CBC + HMAC-SHA256,
from `cryptography`).

The key is VITAL_SSO_ENCRYPTION_KEY (a Fernet key: `python -c "from cryptography.fernet import
Fernet; print(Fernet.generate_key().decode())"`), else `<data dir>/sso-encryption-key`, generated on first
use (mode 0600, like the JWT secret). Losing the key loses the stored client secrets (admins set
them again); it is never derived from the JWT secret, so rotating one leaves the other alone.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from vital.auth.secret import read_or_create
from vital.errors import ConfigError
from vital.settings import Settings


def _fernet(settings: Settings) -> Fernet:
    if settings.sso_encryption_key is not None:
        key, source = settings.sso_encryption_key.get_secret_value().strip(), "VITAL_SSO_ENCRYPTION_KEY"
    else:
        path = settings.sso_key_file
        key, source = read_or_create(path, lambda: Fernet.generate_key().decode()), str(path)
    try:
        return Fernet(key.encode())
    except ValueError:
        raise ConfigError(f"The SSO encryption key in {source} is not a Fernet key.",
                          hint="A Fernet key is 32 url-safe base64-encoded bytes: "
                               "`python -c \"from cryptography.fernet import Fernet; "
                               "print(Fernet.generate_key().decode())\"`.") from None


def seal(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise ConfigError("A stored SSO client secret does not open with this server's SSO encryption key.",
                          hint="Was the key changed? Set the client secret again (`vital sso set ... "
                               "--client-secret`, or PUT /api/v1/admin/sso).") from None
