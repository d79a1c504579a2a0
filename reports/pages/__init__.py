"""Dashboard pages: one module each, assigning ``PAGE = reports.types.Page(...)``.

:func:`reports.registry.discover` finds every module here; nothing else lists the pages. See
docs/architecture.md, "Adding a page".
"""
