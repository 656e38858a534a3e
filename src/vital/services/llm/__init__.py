"""Model access: the offline extractive answerer by default, any OpenAI-compatible endpoint when configured.

Configuration is global (VITAL_LLM_*) and may be overridden per tenant in
tenants.settings.llm: {"provider": "openai", "base_url": ..., "model": ...,
"api_key_env": "ACME_LLM_KEY"}. Keys never sit in the database: a tenant names
the environment variable that holds its key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache

import psycopg

from vital.errors import ConfigError
from vital.services.llm.base import ChatModel, ChatRequest, ChatResult, ChatStream, ModelUnavailable
from vital.services.llm.bounds import bounds_for
from vital.services.llm.extractive import ExtractiveModel
from vital.services.meaning import Meaning, for_settings
from vital.services.tenant_profile import tenant_profile
from vital.settings import Settings

__all__ = ["ChatModel", "ChatRequest", "ChatResult", "ChatStream", "LLMConfig", "ModelUnavailable", "bounds",
           "chat_model", "model_for"]


@dataclass(frozen=True)
class LLMConfig:
    provider: str
    model: str
    base_url: str | None
    api_key: str | None
    timeout: float
    usage_provider: str
    price_prompt_per_1k: float
    price_completion_per_1k: float
    system_role: str = "system"


def llm_config(settings: Settings, tenant_settings: dict) -> LLMConfig:
    own = tenant_settings.get("llm") if isinstance(tenant_settings.get("llm"), dict) else {}
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if own.get("api_key_env"):
        key = os.environ.get(str(own["api_key_env"]))
        if key is None:
            raise ConfigError(f"The tenant's model key variable {own['api_key_env']} is not set on this server.")
    return LLMConfig(
        provider=str(own.get("provider", settings.llm_provider)),
        model=str(own.get("model", settings.llm_model)),
        base_url=own.get("base_url", settings.llm_base_url),
        api_key=key,
        timeout=float(own.get("timeout", settings.llm_timeout)),
        usage_provider=str(own.get("usage_provider", settings.llm_usage_provider)),
        price_prompt_per_1k=float(own.get("price_prompt_per_1k", settings.llm_price_prompt_per_1k)),
        price_completion_per_1k=float(own.get("price_completion_per_1k", settings.llm_price_completion_per_1k)),
        system_role=str(own.get("system_role", settings.llm_system_role)),
    )


@lru_cache(maxsize=64)
def model_for(config: LLMConfig, meaning: Meaning | None = None) -> ChatModel:
    """One model object per configuration (the SDK client keeps its connections); the offline answerer
    chooses sentences by meaning with the deployment's embedding model."""
    if config.provider == "extractive":
        return ExtractiveModel(meaning)
    if config.system_role not in ("system", "user"):
        raise ConfigError(f"Unknown system_role {config.system_role!r} in the tenant's model settings.",
                          hint="Use 'system' or 'user'.")
    if config.provider != "openai":
        raise ConfigError(f"Unknown LLM provider {config.provider!r}.", hint="Use 'extractive' or 'openai'.")
    from vital.services.llm.openai_compat import OpenAICompatibleModel  # the SDK loads only when a tenant uses it

    return OpenAICompatibleModel(model=config.model, base_url=config.base_url, api_key=config.api_key,
                                 timeout=config.timeout, usage_provider=config.usage_provider,
                                 price_prompt_per_1k=config.price_prompt_per_1k,
                                 price_completion_per_1k=config.price_completion_per_1k,
                                 system_role=config.system_role)


def chat_model(conn: psycopg.Connection, settings: Settings) -> ChatModel:
    """The model for the caller's tenant."""
    config = llm_config(settings, tenant_profile(conn).settings)
    return model_for(config, for_settings(settings) if config.provider == "extractive" else None)


def bounds(conn: psycopg.Connection, request: ChatRequest) -> ChatRequest:
    """The request within the caller's tenant's token cap and time limit for its purpose (llm/bounds.py);
    the request's own max_tokens (an agent's) may only lower the cap."""
    limit = bounds_for(tenant_profile(conn).settings, request.purpose, request.max_tokens)
    return replace(request, max_tokens=limit.max_tokens, seconds=limit.seconds)
