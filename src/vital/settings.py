"""Settings in one place: environment variables (VITAL_*), overridable by CLI options."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vital.errors import ConfigError

SCHEMA_DIR = Path(__file__).parent / "schema"

# Only ever accepted when environment == "local"; see check_secret.
DEV_JWT_SECRET = "vital-local-development-secret-do-not-use-in-production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VITAL_", extra="ignore", frozen=True, populate_by_name=True)

    environment: Literal["local", "test", "staging", "production"] = "local"
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("VITAL_DATABASE_URL", "DATABASE_URL"),
        description="External Postgres (>= 15 with pgvector); unset = the embedded server.",
    )
    api_database_url: str | None = Field(
        default=None,
        description="Login of the API pool; default: database_url with user api_role.",
    )
    api_role: str = "vital_api"
    data_dir: Path = Path(".vital")
    database_name: str = "vital"
    pg_port: int | None = Field(default=None, description="Also listen on 127.0.0.1:PORT (embedded only).")
    pg_server_options: str = Field(default="", description="Extra `postgres` options for the embedded server.")
    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    base_domain: str = "vitalexpert.ai"
    migrations_dir: Path = SCHEMA_DIR / "migrations"
    rollbacks_dir: Path = SCHEMA_DIR / "rollbacks"
    seed_dir: Path = SCHEMA_DIR / "seed"

    @model_validator(mode="after")
    def check_secret(self) -> "Settings":
        if self.environment not in ("local", "test") and self.jwt_secret.get_secret_value() == DEV_JWT_SECRET:
            raise ConfigError(
                f"VITAL_JWT_SECRET is the built-in development secret, refused in environment '{self.environment}'.",
                hint="Set VITAL_JWT_SECRET to your own secret (your Supabase project's JWT secret works).",
            )
        return self

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    @cached_property
    def pgdata(self) -> Path:
        return (self.data_dir / "pgdata").resolve()



def load_settings(**overrides) -> Settings:
    """Settings from the environment, with the CLI's explicitly given options on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
