"""The report: notebooks executed in parallel (`notebooks`, `processes`), the index's
findings computed from the verdicts (`findings`), the site built with Sphinx into a
folder of the tool's own (`report`, `buildfolder`), with its templates and styles."""
