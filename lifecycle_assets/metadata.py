"""Metadata values that several stages attach: PNG plots inline, so the UI shows them without a file server."""

import base64

import dagster as dg


def png_image(alt: str, png: bytes) -> dg.MetadataValue:
    """A PNG as Markdown with a data URI: renders in the asset's metadata panel."""
    return dg.MetadataValue.md(f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})")
