"""The object store: one interface, a local directory and S3 backends, store URIs, the line codec."""
