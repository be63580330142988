"""The dutygraph command: one module a subcommand, thin over the packages."""
