"""Reproduce, check and extend the claims of Daily NK's January 2018 article on
North Korean defectors: MOU arrival statistics with every published vintage,
validated loaders, the claims registry, plotting helpers and the report."""
