"""What a reader sees of the engine: tables, plots, the claims as text, JSON,
Markdown and ClaimReview, the README's generated sections, and the notebooks'
narrative helpers. Nothing below this package imports it."""
