"""Merging the continuation decisions an earlier rule created back into their decision.

Before terms had dates, a review that changed the extent from a later date ended the decision the day before and
created a continuation ("Fortsättning på beslut X efter omprövning D."), decided on the review date. With terms in
time a review is a change of the same decision from its date, so each continuation becomes part of its original:

- the continuation's term periods move to the original (they begin the day after the original ended, so at every
  moment the two together are one timeline without overlap, and every figure "as known on" a past date stays);
- its versions move too, numbered after the original's, the first one worded as the merge;
- the original takes the continuation's end and latest terms; orders, proposals, reviews, FK cases and agenda
  items that pointed at the continuation point at the original; the continuation is deleted.

Used by the migration casework 0003 with the historical models (`apps`), and by its test with the real ones.
"""

from __future__ import annotations

import datetime as dt
import re

PATTERN = re.compile(r"^Fortsättning på beslut (?P<label>\S+) efter omprövning (?P<day>\d{4}-\d{2}-\d{2})\.")
TERM_FIELDS = ("intervention_type_id", "extent", "unit", "price", "contract_id", "provider_id", "level",
               "ifo_share_pct", "revenue_per_unit", "revenue_source")
REFERRERS = (("orders", "Order"), ("casework", "Proposal"), ("casework", "ReviewRecord"), ("fk", "FkCase"),
             ("conferences", "AgendaItem"), ("conferences", "PolicyQuestion"))


def _original(Decision, continuation):
    match = PATTERN.match(continuation.comment or "")
    if not match:
        return None
    label = match.group("label")
    candidates = Decision.objects.filter(client_id=continuation.client_id,
                                         intervention_type_id=continuation.intervention_type_id,
                                         end_date=continuation.start_date - dt.timedelta(days=1))
    if label.startswith("#"):
        return candidates.filter(pk=int(label[1:]) if label[1:].isdigit() else -1).first()
    # A continuation of a continuation names the one merged before it: its original has the label's root.
    return (candidates.filter(external_id=label).first()
            or candidates.filter(external_id=re.sub(r"(-\d{8})+$", "", label)).first())


def merge_continuations(apps) -> int:
    """Merge every continuation into its original decision (oldest first, so chains collapse). Returns how many."""
    Decision = apps.get_model("register", "Decision")
    DecisionVersion = apps.get_model("register", "DecisionVersion")
    DecisionTerm = apps.get_model("register", "DecisionTerm")
    referrers = []
    for app_label, name in REFERRERS:
        try:
            referrers.append(apps.get_model(app_label, name))
        except LookupError:
            continue
    merged = 0
    for continuation in Decision.objects.filter(comment__startswith="Fortsättning på beslut ").order_by("start_date",
                                                                                                       "id"):
        original = _original(Decision, continuation)
        if original is None:
            continue
        last = DecisionVersion.objects.filter(decision_id=original.pk).order_by("-number").first()
        number = last.number if last else 0
        for index, version in enumerate(DecisionVersion.objects.filter(decision_id=continuation.pk)
                                        .order_by("number")):
            version.decision_id = original.pk
            version.number = number + index + 1
            if index == 0:
                version.kind = "changed"
                version.event = "merged"
                version.valid_from = continuation.start_date
                version.changes = {k: v for k, v in version.changes.items()
                                   if k in ("extent", "end_date", "price", "last_review_date")}
            version.save()
        DecisionTerm.objects.filter(decision_id=continuation.pk).update(decision_id=original.pk)
        for model in referrers:
            model.objects.filter(decision_id=continuation.pk).update(decision_id=original.pk)
        for name in (*TERM_FIELDS, "end_date", "last_review_date", "caseworker_id"):
            setattr(original, name, getattr(continuation, name))
        original.version = DecisionVersion.objects.filter(decision_id=original.pk).count()
        original.terms_from = continuation.terms_from or continuation.start_date
        original.save()
        continuation.delete()
        merged += 1
    return merged
