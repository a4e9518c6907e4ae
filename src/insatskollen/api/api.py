"""The REST API at /api/: token authentication, Swedish errors, and the routers. Schema at /api/openapi.json."""

from ninja import NinjaAPI

from insatskollen.accounts import access
from insatskollen.api.auth import ApiTokenAuth
from insatskollen.api.errors import install_error_handlers
from insatskollen.api.routers import benchmarks, clients, costs, decisions, forecast
from insatskollen.api.schemas import MeOut, Message

api = NinjaAPI(
    title="Insatskollen API",
    version="1",
    description=(
        "Registret över beslut om insatser, dess kostnader och helårsprognosen. Autentisering: `Authorization: Bearer <nyckel>` "
        "(skapa en nyckel med `insatskollen create_api_token --user ANVÄNDARE --name NAMN`). "
        "Fel svarar med JSON `{\"detail\": \"...\"}` på svenska; ogiltiga fält även med `errors` (fält → meddelande)."
    ),
    auth=ApiTokenAuth(),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", clients.router)
api.add_router("", decisions.router)
api.add_router("", costs.router)
api.add_router("", forecast.router)
api.add_router("", benchmarks.router)


@api.get("/me", response={200: MeOut, 401: Message}, tags=["Konto"], summary="Nyckelns användare")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "name": user.display_name,
        "role": user.role,
        "role_label": str(user.get_role_display()),
        "team": user.team,
        "sees_whole_unit": access.sees_whole_unit(user),
        "may_change_decisions": access.may_change_decisions(user),
        "may_see_personal_numbers": access.may_see_personal_numbers(user),
    }
