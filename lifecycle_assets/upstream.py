"""When an asset's input was never made: a failure that names the missing asset and the command that makes it."""

from collections.abc import Sequence

import dagster as dg

MATERIALIZE = "dagster asset materialize -m definitions"


def make_command(missing: dg.AssetKey, partitions: Sequence[str] = (), job: str | None = None) -> str:
    """The CLI command that materializes `missing` (for those days), or runs the job that does."""
    if job and not partitions:
        return f"dagster job execute -m definitions -j {job}"
    # `*key` takes its upstream along, so a day that never landed in raw is ingested on the way.
    select = f"{MATERIALIZE} --select '*{missing.to_user_string()}'"
    if len(partitions) == 1:
        return f"{select} --partition {partitions[0]}"
    if partitions:
        return f"{select} --partition-range {min(partitions)}...{max(partitions)}"
    return select


def missing_input(
    needed_by: dg.AssetKey | str,
    missing: dg.AssetKey,
    *,
    partitions: Sequence[str] = (),
    job: str | None = None,
    reason: str = "has not been materialized",
    suggested_days: Sequence[str] = (),
) -> dg.Failure:
    """`partitions`: the days of `missing` that are needed and absent; `suggested_days`: days to make when
    any would do (a first week for a new home); `job`: the job that makes `missing`."""
    days = (
        f" for {', '.join(partitions)}"
        if 0 < len(partitions) <= 3
        else f" for {len(partitions)} days"
        if partitions
        else ""
    )
    command = make_command(missing, partitions or suggested_days, job)
    alternatives = f" or run {job}" if job and (partitions or suggested_days) else ""
    return dg.Failure(
        description=(
            f"{needed_by if isinstance(needed_by, str) else needed_by.to_user_string()} needs {missing.to_user_string()}{days}, which {reason}. "
            f"Make it first: `{command}`{alternatives}, or in the UI: Assets > {missing.to_user_string()} > Materialize."
        ),
        metadata={
            "missing_asset": missing.to_user_string(),
            "missing_partitions": dg.MetadataValue.json(list(partitions)),
            "command": command,
        },
        allow_retries=False,  # retrying cannot help until the input exists
    )


def latest_materialization(
    instance: dg.DagsterInstance, key: dg.AssetKey, needed_by: dg.AssetKey | str
) -> tuple[str, dict]:
    """(data version, metadata values) of `key`'s newest materialization, or a failure naming how to make it."""
    event = instance.get_latest_materialization_event(key)
    if event is None or event.asset_materialization is None:
        raise missing_input(needed_by, key)
    materialization = event.asset_materialization
    version = (materialization.tags or {}).get("dagster/data_version")
    if version is None:
        raise missing_input(needed_by, key, reason="was materialized without a data version")
    return version, {name: value.value for name, value in materialization.metadata.items()}
