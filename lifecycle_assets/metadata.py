"""Metadata values that several stages attach: PNG plots inline (the UI shows them without a file
server), table schemas, numbers rounded for people."""

import base64
from urllib.parse import unquote, urlparse

import dagster as dg


def location(uri: str) -> dg.MetadataValue:
    """Where an artifact is: a plain path for the local store (readable, copyable), the URL otherwise."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return dg.MetadataValue.path(unquote(parsed.path))
    return dg.MetadataValue.url(uri)


def column_schema(columns: list[tuple[str, str]]) -> dg.TableSchema:
    """`dagster/column_schema`: the catalog's column list."""
    return dg.TableSchema(columns=[dg.TableColumn(name, kind) for name, kind in columns])


def png_data_uri(png: bytes) -> str:
    return f"data:image/png;base64,{base64.b64encode(png).decode()}"


def png_image(alt: str, png: bytes) -> dg.MetadataValue:
    """A PNG as Markdown with a data URI: renders in the asset's metadata panel."""
    return dg.MetadataValue.md(f"![{alt}]({png_data_uri(png)})")
