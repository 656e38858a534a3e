"""Credentials, apart from any transport: signing and verifying the platform's JWTs (`tokens`).

The HTTP layer (vital.api.auth) reads them from headers; the CLI mints them (`vital token`).
"""
