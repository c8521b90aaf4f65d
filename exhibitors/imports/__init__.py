"""A district's exhibitors from a spreadsheet: the template (``template``), the check behind
the preview and the all-or-nothing save (``services``).

Each row is held to the exhibitor form's rules: the model's own checks (``full_clean``, its
``clean()`` and its constraint, ``model_checks``) on the exhibitor the row would create or
change (``rows``), and the identifiers finding the existing record as ``exhibitor_create``
finds it (``exhibitors.services.exhibitors_matching``). The preview checks the whole file with
a few bulk queries; the save checks it again under lock, compares it with what the preview
showed, and creates and updates through ``exhibitor_create`` and ``exhibitor_update``, which
audit each record.
"""
