"""The `briefbot` command's exit statuses: 0 everything done; 1 done, but some inputs were
skipped (each named on stderr); 2 nothing to do, or a usage error."""

OK, SKIPPED, FAILED = 0, 1, 2
