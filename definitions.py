"""The code location: one composition root, built lazily from the profile LIFECYCLE_PROFILE names."""

import dagster as dg

import jobs
import lifecycle_assets
import sensors
from lifecycle_assets.partitions import daily_partitions
from resources.profiles import Profile, profile_from_env


def build_defs(profile: Profile) -> dg.Definitions:
    """The whole graph with one profile's resources and settings: what the UI loads and every test uses."""
    daily = daily_partitions(profile.first_day)
    return dg.Definitions.merge(
        lifecycle_assets.defs(daily, profile.training_defaults, profile.evaluation_defaults),
        jobs.defs(daily, synthetic_partner=profile.synthetic_partner),
        sensors.defs(profile.sensor_interval_s),
        dg.Definitions(resources=dict(profile.resources), executor=profile.executor),
    )


@dg.definitions
def defs() -> dg.Definitions:
    # Called when the code location loads, not at import: that is when the environment is read.
    return build_defs(profile_from_env())
