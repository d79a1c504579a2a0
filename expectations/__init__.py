"""Great Expectations 1.x suites and custom expectations over the staged tables.

* :mod:`expectations.custom`: one module per custom expectation (the content rules of contract
  §5), registered on first use: GX is imported only when a check runs.
* :mod:`expectations.checks`: one module per check (a suite over one staged table, the rule ids
  its failed rows become, blocking or warning); discovered, not listed.
* :mod:`expectations.runtime`: GX quiet, in bounded batches; :mod:`expectations.docs`: Data Docs.
"""
