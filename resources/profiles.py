"""The two profiles' resources: embedded defaults on a laptop, S3 and shared services on Kubernetes."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_aws.s3 import S3Resource

from resources.object_store import LocalObjectStoreResource, S3ObjectStoreResource
from resources.partner_feed import PartnerLanding, SyntheticPartnerFeed
from resources.pseudonym import DevPseudonymKey, SecretPseudonymKey
from resources.training import K8sTrainingRunner, SubprocessTrainingRunner
from resources.warehouse import WarehouseResource


def local_resources(home: Path) -> dict:
    """Everything under one directory: object store, DuckDB file, dev pseudonym key."""
    return {
        "object_store": LocalObjectStoreResource(root=str(home / "store")),
        "warehouse": WarehouseResource(database=str(home / "lifecycle.duckdb")),
        "pseudonym_key": DevPseudonymKey(path=str(home / "secrets" / "pseudonym.key")),
        "partner_feed": SyntheticPartnerFeed(),
        "training_runner": SubprocessTrainingRunner(model_cache_dir=str(home / "models")),
    }


def k8s_resources() -> dict:
    """Endpoints and secrets come from the pod's environment (Helm values, Kubernetes Secrets).

    The S3 endpoint is boto3's own `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`, so AWS needs nothing
    and MinIO or SeaweedFS only that variable.
    """
    return {
        "object_store": S3ObjectStoreResource(
            bucket=dg.EnvVar("LIFECYCLE_S3_BUCKET"), prefix="lifecycle", s3=S3Resource()
        ),
        "warehouse": WarehouseResource(database=dg.EnvVar("LIFECYCLE_WAREHOUSE")),
        "pseudonym_key": SecretPseudonymKey(secret=dg.EnvVar("LIFECYCLE_PSEUDONYM_KEY")),
        "partner_feed": PartnerLanding(),
        "training_runner": K8sTrainingRunner(
            image=dg.EnvVar("LIFECYCLE_TRAINER_IMAGE"),
            namespace=dg.EnvVar("LIFECYCLE_NAMESPACE"),
            queue_name=dg.EnvVar("LIFECYCLE_KUEUE_QUEUE"),
            priority_class=dg.EnvVar("LIFECYCLE_TRAINING_PRIORITY_CLASS"),
            s3_secret_name=dg.EnvVar("LIFECYCLE_S3_SECRET"),
            node_selector={"nvidia.com/gpu.present": "true"},
            model_cache_dir="/models",
        ),
    }


__all__ = ["k8s_resources", "local_resources"]
