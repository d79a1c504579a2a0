"""SKP content quality: measurability of indicators, realistic targets (pure functions)."""
