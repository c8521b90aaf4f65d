"""What a person types into a search box, normalised exactly as storage normalises it.

Names are stored NFC (``core.fields``), so a query typed with the precomposed nukta
letters (ड़ as U+095C) must be NFC too, or it finds nothing; identifiers are stored
normalised (mobile without +91, Udyam and GSTIN upper case), so the query is normalised the
same way before it is compared.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from core import identifiers
from core.fields import normalise_text

# Longer queries are cut: nobody types more, and a pattern of megabytes costs the database.
QUERY_MAX = 100
PHONE_LIKE = re.compile(r"^[+\d\s\-().]{4,20}$")


@dataclass(frozen=True)
class Query:
    text: str  # NFC, white space collapsed, at most QUERY_MAX characters
    digits: str  # the query as a mobile number would be stored, when it looks like one
    identifier: str  # the query as a Udyam number or GSTIN would be stored

    def __bool__(self) -> bool:
        return bool(self.text)


def search_query(raw) -> Query:
    text = normalise_text(str(raw or ""))[:QUERY_MAX]
    digits = identifiers.normalise_mobile(text) if PHONE_LIKE.match(text) else ""
    return Query(text=text, digits=digits, identifier=identifiers.normalise_gstin(text))


def exhibitor_match(query: Query) -> Q:
    """Exhibitors whose name, contact person, mobile, Udyam number or GSTIN match."""
    match = Q(name__icontains=query.text) | Q(contact_person__icontains=query.text)
    if query.digits:
        match |= Q(mobile__contains=query.digits)
    if len(query.identifier) >= 4:
        match |= Q(udyam_number__contains=identifiers.normalise_udyam(query.text))
        match |= Q(gstin__contains=query.identifier)
    return match
