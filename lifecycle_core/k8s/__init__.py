"""Kubernetes manifests as plain dicts (camelCase, as the API takes them): no cluster, no dagster."""
