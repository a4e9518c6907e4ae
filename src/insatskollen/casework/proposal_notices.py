"""In-app notices (header "Notiser") about decision proposals: to the unit heads when a caseworker's change beyond
delegation becomes a proposal, and back to the caseworker when it is approved or rejected.

Called inside the services' transactions, so a notice exists exactly when the proposal (or its outcome) does.
Notices are in the app only (no e-mail): their texts name the client by masked personnummer only.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from insatskollen.accounts.models import Role
from insatskollen.casework.models import Proposal
from insatskollen.core.numbers import format_sek
from insatskollen.notifications.services import notification_send

KIND_MADE = "proposal_made"
KIND_DECIDED = "proposal_decided"


def _url(proposal: Proposal) -> str:
    try:
        return reverse("web:proposal_detail", args=[proposal.pk])
    except NoReverseMatch:  # the web app is not installed (e.g. a command-only deployment)
        return ""


def _what(proposal: Proposal) -> str:
    itype = proposal.intervention_type
    label = f" (beslut {proposal.decision.label})" if proposal.decision_id else ""
    return f"{proposal.get_kind_display()} {itype.code} {itype.name}{label}"


def _deciders(proposer) -> list:
    """The active unit heads; the active admins when the unit has no unit head. Never the proposer."""
    users = get_user_model().objects.filter(is_active=True).exclude(pk=getattr(proposer, "pk", None))
    heads = list(users.filter(role=Role.UNIT_HEAD))
    return heads or list(users.filter(role=Role.ADMIN))


def notify_proposal_made(*, proposal: Proposal, actor) -> int:
    """Tell the unit heads a proposal waits for them; the number of notices stored."""
    who = getattr(actor, "display_name", "") or "En handläggare"
    body = (f"{who} föreslår: {_what(proposal)}. Skäl: {proposal.reason}. Årskostnad "
            f"{format_sek(proposal.annual_cost)}. Klient {proposal.client.masked_personal_number}.")
    sent = 0
    for recipient in _deciders(actor):
        sent += notification_send(
            recipient=recipient, kind=KIND_MADE, title=f"Beslutsförslag att avgöra: {_what(proposal)}", body=body,
            url=_url(proposal), key=f"proposal:{proposal.pk}:made", email=False, actor=actor,
            client_id=proposal.client_id) is not None
    return sent


def notify_proposal_decided(*, proposal: Proposal, actor) -> bool:
    """Tell the proposer what the unit head decided, with the unit head's note; False when no one to tell."""
    proposer = proposal.proposed_by
    if proposer is None or not proposer.is_active or proposer.pk == getattr(actor, "pk", None):
        return False
    approved = proposal.status == Proposal.Status.APPROVED
    who = getattr(actor, "display_name", "") or "Sektionschefen"
    verdict = "godkänt" if approved else "avslaget"
    outcome = (f"Beslut {proposal.decision.label} är registrerat." if approved and proposal.decision_id
               else "Registret är oförändrat.")
    note = f" Motivering: {proposal.decision_note}" if proposal.decision_note else ""
    return notification_send(
        recipient=proposer, kind=KIND_DECIDED, title=f"Ditt beslutsförslag är {verdict}: {_what(proposal)}",
        body=f"{who} har {'godkänt' if approved else 'avslagit'} förslaget. {outcome}{note}", url=_url(proposal),
        key=f"proposal:{proposal.pk}:decided", email=False, actor=actor,
        client_id=proposal.client_id) is not None
