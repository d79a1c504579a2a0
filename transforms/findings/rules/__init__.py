"""Python findings rules: one module per rule (``RULE_IDS`` and ``findings(con)``)."""
