"""Rule modules; importing this package registers every rule in ``generator.check.registry.RULES``."""

from generator.check.rules import ambition, completeness, cost, dates, direction, funds, labels, meta, placement, quantification, values  # noqa: F401
