"""Monitoring: the gateway's request log as tables (`serving_log`), the canary verdict (`canary`), and the
daily drift report of new data and live prompts against the training snapshot (`drift`). No dagster here."""
