"""Data collection: the landing area, validation against declared schemas, raw parts, the plan catalog."""
