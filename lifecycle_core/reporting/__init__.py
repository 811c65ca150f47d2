"""What every stage records about what it made: plots for metadata and the code version."""
