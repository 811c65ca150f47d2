"""The code location: merges the stages' definitions and picks the profile, once."""

import os
from pathlib import Path

import dagster as dg
from dagster_k8s import k8s_job_executor

import jobs
import lifecycle_assets
import sensors
from jobs import partner_feed
from resources.profiles import k8s_resources, local_resources

PROFILE = os.environ.get("LIFECYCLE_PROFILE", "local")


def profile_defs(profile: str) -> dg.Definitions:
    if profile == "local":
        home = Path(os.environ.get("LIFECYCLE_HOME", ".lifecycle")).resolve()
        return dg.Definitions.merge(partner_feed.defs(), dg.Definitions(resources=local_resources(home)))
    if profile == "k8s":
        return dg.Definitions(resources=k8s_resources(), executor=k8s_job_executor)
    raise ValueError(f"LIFECYCLE_PROFILE must be 'local' or 'k8s', not {profile!r}")


defs = dg.Definitions.merge(lifecycle_assets.defs(), jobs.defs(), sensors.defs(), profile_defs(PROFILE))
