"""The project's exceptions: one small hierarchy, each with a message a user can act on."""


class VitalError(Exception):
    """Base of every error VITAL raises on purpose."""

    #: short machine-readable code (the HTTP layer and the CLI print it)
    code = "vital_error"
    #: set when the error was translated from the database
    sqlstate: str | None = None
    constraint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None, details: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def __str__(self) -> str:
        parts = [self.message]
        if self.details:
            parts.append(self.details)
        if self.hint:
            parts.append(f"Hint: {self.hint}")
        return "\n".join(parts)


# One line each: the family, and the code the HTTP layer and the CLI print.
class ConfigError(VitalError): code = "config_error"
class DatabaseUnavailable(VitalError): code = "database_unavailable"
class MigrationError(VitalError): code = "migration_error"
class NotFound(VitalError): code = "not_found"
class Conflict(VitalError): code = "conflict"
class InvalidInput(VitalError): code = "invalid_input"
class PermissionDenied(VitalError): code = "permission_denied"
