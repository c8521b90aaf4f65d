"""The ground floor every app stands on: scoping, exceptions, fields, constraint helpers, the API
and admin bases, spreadsheet reading, request handling and the audit trail. It imports no app."""
