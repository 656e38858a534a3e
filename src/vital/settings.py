"""Settings in one place: environment variables (VITAL_*), overridable by CLI options."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vital.errors import ConfigError

SCHEMA_DIR = Path(__file__).parent / "schema"

# Where `local`/`test` keep the JWT secret they generate (vital.auth.secret).
JWT_SECRET_FILE = "jwt-secret"
# Where the key that seals SSO client secrets is generated when none is configured (vital.auth.sealing).
SSO_KEY_FILE = "sso-encryption-key"
LOCAL_ENVIRONMENTS = ("local", "test")


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
    # -- background jobs (vital worker; docs/operations.md#background-jobs) -----
    worker_database_url: str | None = Field(
        default=None, description="Login of the workers; default: database_url with user worker_role.")
    worker_role: str = "vital_worker"
    worker_concurrency: int = Field(default=2, ge=1, description="Jobs one worker runs at a time.")
    worker_heartbeat_seconds: float = Field(default=10.0, gt=0, description="A worker's heartbeat period.")
    worker_nice: int = Field(default=19, ge=0, le=19, description="How many steps below the API a worker's "
                             "threads run on the CPU (Unix nice), so that requests go first; 0: the same.")
    worker_stalled_seconds: float = Field(
        default=30.0, gt=0, description="A worker silent this long is dead: its jobs are retried.")
    worker_slice_seconds: float = Field(
        default=10.0, gt=0, description="Seconds a workflow run executes in one job before it makes way: the run goes "
        "on in a new job, queued behind the other tenants' work (docs/operations.md#background-jobs).")
    worker_resume_idle_seconds: float = Field(
        default=60.0, ge=0, description="Workflow runs untouched this long while running are resumed.")
    pitr_base_backup_hours: float = Field(
        default=24.0, ge=0, description="Scheduled PITR base backups of the embedded server, this many hours apart, "
        "when VITAL_WAL_ARCHIVE_DIR is set and archiving is on (`vital db pitr enable`); 0: never.")
    data_dir: Path = Path(".vital")
    database_name: str = "vital"
    pg_port: int | None = Field(default=None, description="Also listen on 127.0.0.1:PORT (embedded only).")
    pg_server_options: str = Field(default="", description="Extra `postgres` options for the embedded server.")
    jwt_secret: SecretStr | None = Field(
        default=None, description="HS256 secret of every JWT; unset in local/test = generated in the data dir.")
    sso_encryption_key: SecretStr | None = Field(
        default=None, description="Fernet key sealing SSO client secrets; unset = generated in the data dir.")
    base_domain: str = "vitalexpert.ai"
    # -- HTTP API (vital serve) ------------------------------------------------
    api_host: str = Field(default="127.0.0.1", description="Address the API listens on.")
    api_port: int = Field(default=8000, ge=0, le=65535, description="Port the API listens on.")
    api_workers: int = Field(default=1, ge=1, description="uvicorn worker processes.")
    jwt_audience: str = "authenticated"
    trust_forwarded_host: bool = Field(
        default=False, description="Take the tenant from X-Forwarded-Host (only behind a proxy that sets it).")
    api_pool_min_size: int = Field(default=2, ge=0)
    api_pool_max_size: int = Field(default=10, ge=1)
    api_pool_timeout: float = Field(
        default=2.0, gt=0, description="Seconds a request waits for a pooled connection before a 503.")
    api_statement_timeout_ms: int = Field(default=15000, ge=0, description="Per statement; 0 = none.")
    api_read_statement_timeout_ms: int = Field(
        default=5000, ge=0, description="Per statement of a /rest/v1 read (GET, HEAD); 0 = none (docs/fairness.md).")
    api_long_statement_timeout_ms: int = Field(
        default=120000, ge=0, description="Per statement of declared long work (ingestion, re-embedding); 0 = none.")
    api_heavy_cooldown_seconds: float = Field(
        default=30.0, ge=0, description="Seconds a tenant's heavy work (regex reads, uploads) is refused after one "
                                        "of them ran into its statement timeout; 0 = never (docs/fairness.md).")
    api_rate_flush_seconds: float = Field(
        default=1.0, gt=0, le=10, description="Seconds between flushes of a process's request counts to the shared "
                                              "rate counters (docs/fairness.md).")
    api_switch_interval_ms: float = Field(
        default=1.0, gt=0, le=100, description="How long a thread of the API process may hold Python's interpreter "
                                              "lock while another waits for it (sys.setswitchinterval; Python's "
                                              "default is 5): the event loop's wait behind CPU-bound threads "
                                              "(answers, an in-process job worker) (docs/fairness.md).")
    api_max_rows: int = Field(default=1000, ge=1, description="Most rows one read returns.")
    max_body_bytes: int = Field(default=1_048_576, ge=1, description="Largest request body accepted (uploads apart).")
    # -- Limits on one request (docs/api.md#limits) -----------------------------
    api_max_upload_bytes: int = Field(
        default=100 * 1024 * 1024, ge=1, description="Largest multipart upload body (all its files together).")
    api_header_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a client has to send a request's line and headers.")
    api_keep_alive_timeout: float = Field(
        default=20.0, gt=0, description="Seconds an idle kept-alive connection is kept: longer than pooled clients "
                                        "keep one (httpx 5 s, undici 4 s, aiohttp 15 s), so that the server is never "
                                        "the one closing it as the client reuses it (docs/api.md#limits).")
    api_body_timeout: float = Field(
        default=30.0, gt=0, description="Seconds a client may leave a request body unfinished between two reads.")
    api_max_nesting_depth: int = Field(default=10, ge=1, description="Deepest or=/and= nesting in /rest/v1.")
    api_max_columns: int = Field(default=200, ge=1, description="Most selected columns in /rest/v1 (embeds included).")
    api_max_embeds: int = Field(default=20, ge=0, description="Most embedded resources in one /rest/v1 select.")
    api_max_embed_depth: int = Field(default=3, ge=0, le=3, description="Deepest embedding in one /rest/v1 select.")
    api_max_filters: int = Field(default=100, ge=1, description="Most filter conditions in one /rest/v1 request.")
    api_max_in_values: int = Field(default=1000, ge=1, description="Most values in one in.(...) list in /rest/v1.")
    api_max_order_terms: int = Field(default=20, ge=1, description="Most order= terms in one /rest/v1 request.")
    tenant_cache_seconds: float = Field(
        default=5.0, ge=0, description="How long a resolved tenant or API key is remembered (0 = never).")
    # -- Metrics and traces (docs/operations.md#metrics-and-traces) -------------
    metrics_port: int | None = Field(
        default=None, ge=0, le=65535, description="Also serve /metrics on this port, without credentials "
        "(unset: only on the API's port, behind the service_role key).")
    metrics_host: str = Field(default="127.0.0.1", description="Address of the metrics port (keep it non-public).")
    metrics_tenant_labels: bool = Field(
        default=False, description="Label request, throttling and slot metrics with the tenant's subdomain "
        "(one series per tenant: off unless the tenants are few and the metrics store is private).")
    # -- Sign-in at /auth/v1 (docs/auth.md) ------------------------------------
    auth_access_token_seconds: int = Field(default=3600, ge=60, description="Lifetime of a signed-in access token.")
    auth_refresh_token_seconds: int = Field(
        default=30 * 24 * 3600, ge=60, description="A refresh token unused this long expires (the session ends).")
    refresh_reuse_seconds: int = Field(
        default=10, ge=0, description="A spent refresh token presented again this soon after (two tabs refreshing "
        "at once) gets a fresh token of the same session instead of ending it, as GoTrue's "
        "refresh_token_reuse_interval (0: every reuse ends the session).")
    auth_password_min_length: int = Field(default=8, ge=6, le=72, description="Shortest password accepted.")
    auth_email_delay_seconds: float = Field(
        default=0.5, ge=0, description="Wait before the 2nd sign-in attempt on an e-mail since its last success; "
        "doubles with each further attempt.")
    auth_email_delay_max_seconds: float = Field(default=10.0, ge=0, description="Longest such wait (never a lock-out).")
    auth_email_window_seconds: int = Field(default=900, ge=1, description="How long attempts on an e-mail are counted.")
    auth_ip_max_failures: int = Field(
        default=30, ge=1, description="Failed sign-ins from one client address before 429 until the window ends.")
    auth_ip_window_seconds: int = Field(default=300, ge=1, description="Window of the per-address count.")
    auth_link_seconds: int = Field(
        default=3600, ge=60, description="Lifetime of a magic link, sign-up or recovery link and its 6-digit code.")
    auth_invite_days: int = Field(default=7, ge=1, description="Lifetime of an invitation.")
    auth_verify_max_failures: int = Field(
        default=10, ge=1, description="Failed verifies (wrong or spent codes and links) from one address or for one "
        "e-mail before 429 until the window ends.")
    auth_mail_per_hour: int = Field(default=10, ge=1, description="Most sign-in e-mails to one address per hour.")
    # -- E-mail (docs/auth.md#e-mail) -------------------------------------------
    smtp_host: str | None = Field(default=None, description="SMTP server; unset in local: links go to the server log.")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="SMTP port.")
    smtp_user: str | None = Field(default=None, description="SMTP login, if the server wants one.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_from: str = Field(default="VITAL <no-reply@localhost>", description="From: of every message.")
    smtp_starttls: bool = Field(default=True, description="STARTTLS before logging in (off only for a local relay).")
    # -- Knowledge: ingestion, embeddings, search (docs/knowledge.md) ----------
    embedding_provider: Literal["local", "local_torch", "openai_compatible", "hash"] = Field(
        default="local", description="local: all-MiniLM-L6-v2 int8 on onnxruntime (converted on first use, cached "
        "in the data dir); local_torch: all-MiniLM-L6-v2 on torch (vital[local-embeddings]); hash: the "
        "(non-semantic) hashing fallback; openai_compatible: an /embeddings API.")
    embedding_model: str = Field(default="text-embedding-3-small", description="openai_compatible: model name.")
    embedding_base_url: str = Field(default="https://api.openai.com/v1", description="openai_compatible: base URL.")
    embedding_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("VITAL_EMBEDDING_API_KEY", "OPENAI_API_KEY"),
        description="openai_compatible: API key (never stored in the database).")
    embedding_dimensions: int | None = Field(
        default=None, ge=1, le=2000, description="openai_compatible: vector length; sent as `dimensions` when set.")
    embedding_batch_size: int = Field(default=64, ge=1, description="Texts per embedding call.")
    embedding_threads: int = Field(default=1, ge=0, description="CPU threads of the local model (0 = all cores).")
    embedding_timeout: float = Field(default=60.0, gt=0, description="Seconds per embedding API call.")
    chunk_tokens: int = Field(default=200, ge=16, le=8000, description="Token budget of one chunk.")
    chunk_overlap_tokens: int = Field(default=40, ge=0, description="Tokens repeated from the previous chunk.")
    vector_cache_dir: Path | None = Field(
        default=None, description="Cached vectors of the platform library's chunks; unset = <data dir>/cache/vectors.")
    search_rrf_k: int = Field(default=60, ge=1, description="Reciprocal rank fusion constant.")
    search_vector_weight: float = Field(default=1.0, ge=0, description="Hybrid/fusion weight of the vector list.")
    search_text_weight: float = Field(default=1.0, ge=0, description="Hybrid/fusion weight of the full-text list.")
    search_graph_weight: float = Field(default=0.5, ge=0, description="Fusion weight of the graph list.")
    search_ef_search: int = Field(default=200, ge=10, le=1000, description="hnsw.ef_search for vector search.")
    search_tenant_index_min_chunks: int = Field(
        default=10000, ge=1, description="Vectors of one model from which a tenant gets its own HNSW index.")
    knowledge_max_upload_bytes: int = Field(default=50 * 1024 * 1024, ge=1, description="Largest uploaded file.")
    storage_max_object_bytes: int = Field(
        default=50 * 1024 * 1024, ge=1, description="Largest object uploaded to /storage/v1 (a bucket may set less).")
    knowledge_max_pages: int = Field(default=2000, ge=1, description="Most pages of one PDF.")
    knowledge_max_decompressed_bytes: int = Field(
        default=32 * 1024 * 1024, ge=1024, description="Most text one file may yield, and most bytes any one of its "
        "compressed streams may expand to.")
    knowledge_max_chunks: int = Field(default=20_000, ge=1, description="Most chunks one file may make.")
    knowledge_parse_cpu_seconds: float = Field(
        default=30.0, gt=0, description="CPU seconds parsing one file may take (checked between PDF pages).")
    ocr_engine: Literal["rapidocr", "tesseract", "off"] = Field(
        default="rapidocr", description="OCR of PDF pages without a text layer: rapidocr (installed with VITAL, "
        "models in its wheel), tesseract (Debian's tesseract-ocr), off (such pages are reported as skipped).")
    ocr_dpi: int = Field(default=300, ge=72, le=600, description="Resolution scanned pages are rendered at for OCR.")
    # -- Services: Ask Expert, panels, workflows (docs/services.md) ------------
    llm_provider: Literal["extractive", "openai"] = Field(
        default="extractive", description="extractive: the offline answerer (quotes passages, no model); "
        "openai: any OpenAI-compatible chat endpoint. A tenant's settings.llm overrides it.")
    llm_base_url: str | None = Field(default=None, description="openai: base URL (unset = api.openai.com).")
    llm_model: str = Field(default="gpt-4o-mini", description="openai: chat model name.")
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("VITAL_LLM_API_KEY", "OPENAI_API_KEY"),
        description="openai: API key (never stored in the database).")
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds per chat call.")
    llm_usage_provider: str = Field(
        default="openai", description="llm_usage.provider label: openai, azure-openai, vllm, ollama, llama-cpp, other.")
    llm_price_prompt_per_1k: float = Field(default=0.0, ge=0, description="USD per 1,000 prompt tokens.")
    llm_price_completion_per_1k: float = Field(default=0.0, ge=0, description="USD per 1,000 completion tokens.")
    llm_system_role: Literal["system", "user"] = Field(
        default="system", description="Where the instructions go: system (a system message), or user (at the "
        "head of the user's message, for chat templates that drop system messages, e.g. llama.cpp's gemma).")
    workflow_lease_seconds: float = Field(
        default=120.0, gt=0, description="How long a workflow run's lease holds unless renewed (each step and "
        "model call renews it); a run whose process died can be resumed once it has expired.")
    services_passages: int = Field(default=6, ge=1, le=50, description="Passages retrieved per question or step.")
    services_retrieval: Literal["knowledge", "fulltext"] = Field(
        default="knowledge", description="knowledge: the knowledge library's hybrid search, topped up by an "
        "any-word full-text search; fulltext: the any-word full-text search alone (no embedding model).")
    # -- Operations (docs/operations.md) ---------------------------------------
    wal_archive_dir: Path | None = Field(
        default=None, description="Embedded server: WAL archive and base backups for point-in-time recovery "
        "(default <data dir>/wal-archive; better on another disk).")
    migrations_dir: Path = SCHEMA_DIR / "migrations"
    rollbacks_dir: Path = SCHEMA_DIR / "rollbacks"
    seed_dir: Path = SCHEMA_DIR / "seed"

    @field_validator("jwt_secret", "sso_encryption_key", mode="before")
    @classmethod
    def empty_is_unset(cls, value):
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    @model_validator(mode="after")
    def check_secret(self) -> "Settings":
        # The source holds no secret: outside local/test one must be configured.
        if self.jwt_secret is None and not self.local:
            raise ConfigError(
                f"VITAL_JWT_SECRET is not set; it is required in environment '{self.environment}'.",
                hint="Set VITAL_JWT_SECRET to a random secret of 32+ characters "
                     "(your Supabase project's JWT secret works).",
            )
        if self.jwt_secret is not None and len(self.jwt_secret.get_secret_value()) < 32:
            raise ConfigError("VITAL_JWT_SECRET is shorter than 32 characters.",
                              hint="Use a random secret, e.g. `python -c 'import secrets; "
                                   "print(secrets.token_urlsafe(48))'`.")
        return self

    @property
    def local(self) -> bool:
        """local or test: the settings under which a development convenience may apply."""
        return self.environment in LOCAL_ENVIRONMENTS

    @property
    def jwt_secret_file(self) -> Path:
        return (self.data_dir / JWT_SECRET_FILE).resolve()

    @property
    def sso_key_file(self) -> Path:
        return (self.data_dir / SSO_KEY_FILE).resolve()

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    @property
    def vector_cache(self) -> Path:
        return (self.vector_cache_dir or self.data_dir / "cache" / "vectors").resolve()

    @cached_property
    def pgdata(self) -> Path:
        return (self.data_dir / "pgdata").resolve()

    @property
    def tenant_domains(self) -> tuple[str, ...]:
        """Domains whose first label names a tenant; `localhost` too when run locally."""
        local = ("localhost",) if self.environment in ("local", "test") else ()
        return (self.base_domain.lower().strip("."), *local)


def load_settings(**overrides) -> Settings:
    """Settings from the environment, with the CLI's explicitly given options on top."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
