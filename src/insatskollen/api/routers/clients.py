"""Clients the user may see. Lists mask the personnummer; one client's page shows it unless the role may not."""

from __future__ import annotations

from django.http import Http404
from ninja import Path, Query, Router

from insatskollen.accounts import access
from insatskollen.api.schemas import DB_INT_MAX, ClientDetail, ClientFilters, ClientPage, Message
from insatskollen.audit.models import AuditAction
from insatskollen.audit.services import audit_record, audit_record_reads
from insatskollen.register.models import Decision
from insatskollen.register.selectors import client_search, clients_visible_to

router = Router(tags=["Klienter"])


@router.get("/clients", response=ClientPage, summary="Klienter du får se")
def client_list(request, filters: Query[ClientFilters]):
    user = request.auth
    clients = client_search(user, filters.q) if filters.q.strip() else clients_visible_to(user)
    clients = clients.select_related("team").order_by("personal_number", "id")
    page = list(clients[filters.offset:filters.offset + filters.limit])
    # Every client the answer shows is a read of that person's data; the search text itself is never stored.
    audit_record_reads(actor=user, client_ids=[c.pk for c in page], summary="Klientlista via API",
                       detail={"source": "api", "endpoint": "clients", "search": bool(filters.q.strip())})
    return {"count": clients.count(), "items": page}


@router.get("/clients/{client_id}", response={200: ClientDetail, 404: Message}, summary="En klient med sina beslut")
def client_detail(request, client_id: int = Path(..., ge=1, le=DB_INT_MAX)):
    """Opening a client is a read of personal data: it is recorded in the audit trail."""
    user = request.auth
    client = clients_visible_to(user).select_related("team").filter(pk=client_id).first()
    if client is None:
        raise Http404
    decisions = (
        Decision.objects.filter(client=client)
        .select_related("client", "intervention_type", "provider", "caseworker")
        .order_by("start_date", "id")
    )
    full = access.may_see_personal_numbers(user)
    audit_record(actor=user, action=AuditAction.CLIENT_VIEWED, object_type="client", object_id=client.pk,
                 client_id=client.pk, summary=client.masked_personal_number, detail={"source": "api"})
    return {
        "id": client.pk,
        "personal_number": client.formatted_personal_number if full else client.masked_personal_number,
        "is_coordination_number": client.is_coordination_number,
        "name": client.name,
        "team": client.team,
        "decisions": list(decisions),
    }
