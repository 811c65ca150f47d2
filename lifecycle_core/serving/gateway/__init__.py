"""The gateway: an OpenAI-compatible API in front of the engine (vLLM) that members' apps talk to.

It owns what sits around the model: API keys per member, canary routing sticky per member, the
system prompt training used, OpenAI-style errors, rate limits, Prometheus metrics, feedback and a
de-identified request log. ``create_app(GatewayConfig)`` builds it; ``uvicorn --factory
lifecycle_core.serving.gateway.app:create_app`` runs it from the environment.
"""
