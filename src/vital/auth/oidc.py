"""OpenID Connect, relying-party side: discovery, the authorization URL (code flow with PKCE),
the code exchange (Authlib's httpx client) and the ID token's validation (joserfc, against the
provider's JWKS). Knows nothing of tenants or sessions: vital.auth.sso does."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
import httpx2  # Authlib's httpx client runs on httpx2 when it is installed (it is: pinned)
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import (BadSignatureError, ExpiredTokenError, InvalidClaimError, JoseError,
                            MissingClaimError)
from joserfc.jwk import KeySet

from vital.auth.gotrue import GoTrueError

SCOPE = "openid email profile"
TIMEOUT = 10.0
_DISCOVERY_SECONDS = 300  # metadata and keys are re-read at most this often (keys at once on an unknown kid)
LEEWAY = 60


@dataclass(frozen=True)
class Client:
    """One tenant's registration at its provider."""
    issuer: str
    client_id: str
    client_secret: str | None
    redirect_uri: str


def provider_error(msg: str) -> GoTrueError:
    return GoTrueError(502, "sso_provider_unavailable", msg)


class Provider:
    """What a provider publishes (discovery document, JWKS), cached per issuer for a few minutes."""

    def __init__(self) -> None:
        self._metadata: dict[str, tuple[float, dict[str, Any]]] = {}
        self._keys: dict[str, tuple[float, KeySet]] = {}

    def metadata(self, issuer: str) -> dict[str, Any]:
        cached = self._metadata.get(issuer)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        found = _get_json(f"{issuer.rstrip('/')}/.well-known/openid-configuration")
        if found.get("issuer") != issuer:  # OpenID Connect Discovery 4.3
            raise provider_error(f"The provider's discovery document names issuer {found.get('issuer')!r}, "
                                 f"not the registered {issuer!r}")
        self._metadata[issuer] = (time.monotonic() + _DISCOVERY_SECONDS, found)
        return found

    def keys(self, issuer: str, *, fresh: bool = False) -> KeySet:
        cached = self._keys.get(issuer)
        if cached and cached[0] > time.monotonic() and not fresh:
            return cached[1]
        keys = KeySet.import_key_set(_get_json(self.metadata(issuer)["jwks_uri"]))
        self._keys[issuer] = (time.monotonic() + _DISCOVERY_SECONDS, keys)
        return keys

    def authorization_url(self, client: Client, *, state: str, nonce: str, code_verifier: str) -> str:
        with _oauth(client) as oauth:
            url, _ = oauth.create_authorization_url(self.metadata(client.issuer)["authorization_endpoint"],
                                                    state=state, nonce=nonce, code_verifier=code_verifier)
        return url

    def exchange(self, client: Client, code: str, code_verifier: str) -> str:
        """The ID token the provider gives for this code (not yet validated)."""
        endpoint = self.metadata(client.issuer)["token_endpoint"]
        with _oauth(client) as oauth:
            try:
                token = oauth.fetch_token(endpoint, code=code,
                                          code_verifier=code_verifier, grant_type="authorization_code")
            except (httpx.HTTPError, httpx2.HTTPError) as exc:
                raise provider_error(f"The identity provider could not be reached: {exc}") from None
            except (OAuthError, ValueError) as exc:  # the provider refused the code, or answered nonsense
                raise GoTrueError(400, "bad_oauth_callback",
                                  f"The identity provider refused the authorization code: {exc}") from None
        id_token = token.get("id_token")
        if not id_token:
            raise GoTrueError(400, "bad_oauth_callback", "The identity provider returned no ID token")
        return id_token

    def validate(self, client: Client, id_token: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims once its signature (JWKS), issuer, audience, expiry and nonce hold."""
        try:
            try:
                token = jwt.decode(id_token, self.keys(client.issuer), algorithms=["RS256", "ES256", "PS256"])
            except (BadSignatureError, ValueError):  # perhaps a rotated key: read the JWKS again once
                token = jwt.decode(id_token, self.keys(client.issuer, fresh=True),
                                   algorithms=["RS256", "ES256", "PS256"])
            registry = jwt.JWTClaimsRegistry(
                leeway=LEEWAY, iss={"essential": True, "value": client.issuer},
                aud={"essential": True, "value": client.client_id}, sub={"essential": True},
                exp={"essential": True}, nonce={"essential": True, "value": nonce})
            registry.validate(token.claims)
        except ExpiredTokenError:
            raise invalid_id_token("the ID token has expired") from None
        except (InvalidClaimError, MissingClaimError) as exc:
            raise invalid_id_token(_claim_message(exc)) from None
        except (JoseError, ValueError) as exc:
            raise invalid_id_token(f"the ID token does not verify ({exc})") from None
        azp = token.claims.get("azp")
        if azp is not None and azp != client.client_id:
            raise invalid_id_token("the ID token was issued to another client (azp)")
        return token.claims


def invalid_id_token(reason: str) -> GoTrueError:
    return GoTrueError(400, "bad_oauth_callback", f"Invalid ID token: {reason}")


def _claim_message(exc: JoseError) -> str:
    claim = getattr(exc, "claim", None) or str(exc)
    what = {"aud": "it was issued for another client (audience)", "iss": "it comes from another issuer",
            "nonce": "its nonce does not match this sign-in", "sub": "it names no subject"}
    return what.get(claim, f"claim {claim!r} is missing or invalid")


def _oauth(client: Client) -> OAuth2Client:
    return OAuth2Client(client.client_id, client.client_secret, scope=SCOPE, redirect_uri=client.redirect_uri,
                        code_challenge_method="S256", timeout=TIMEOUT,
                        token_endpoint_auth_method="client_secret_post" if client.client_secret else "none")


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        return response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise provider_error(f"The identity provider's {url} could not be read: {exc}") from None
