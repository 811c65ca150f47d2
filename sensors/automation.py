"""The sensor that evaluates the assets' automation conditions, named and described here rather than
left to Dagster's unnamed default."""

import dagster as dg

automation_sensor = dg.AutomationConditionSensorDefinition(
    "automation_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.STOPPED,
    minimum_interval_seconds=30,
    description=(
        "Evaluates every asset's automation condition: each warehouse table loads a day once its raw day is "
        "materialized and every blocking raw check passed (eager), and the plan benefits follow a new plan "
        "catalog. Turn it on, with landing_sensor, for hands-off daily ingest; runs started by hand do not need it."
    ),
)


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[automation_sensor])
