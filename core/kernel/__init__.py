"""The kernel: plugins loaded, the versions in force, the rules they supply, and the
computations on them (dates, splits, settlement, SIP checks), with the clock, the config and
the errors. No database, no web framework: everything here is a pure function of the plugins,
the config and a date."""
