"""The roles a person can be given by an invitation or by single sign-on, apart from those modules
so that the CLI's options name them without importing psycopg and argon2."""

INVITE_ROLES = ("admin", "member", "viewer")
SSO_ROLES = ("viewer", "member", "admin")  # never owner: nobody becomes an owner by signing in
