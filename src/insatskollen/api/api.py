"""The REST API at /api/: token authentication, Swedish errors, and the routers. Schema at /api/openapi.json."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from ninja import NinjaAPI

from insatskollen.accounts import access
from insatskollen.api.auth import ApiTokenAuth, user_for_key
from insatskollen.api.errors import install_error_handlers
from insatskollen.api.routers import benchmarks, clients, costs, decisions, forecast
from insatskollen.api.schemas import MeOut, Message

def signed_in(view):
    """The docs and the schema are for the unit's own users: a web session, or a valid bearer key (for tools that
    read the schema). Others are sent to the login page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        key = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if request.user.is_authenticated or (key and user_for_key(key) is not None):
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return wrapped


MESSAGE = {"$ref": "#/components/schemas/Message"}
INVALID = {"$ref": "#/components/schemas/InvalidFields"}
ERRORS = {
    "400": ("Förfrågans innehåll är inte giltig JSON.", MESSAGE),
    "401": ("Ingen eller ogiltig API-nyckel.", MESSAGE),
    "404": ("Hittades inte, eller så saknar du behörighet att se det.", MESSAGE),
    "422": ("Ogiltiga värden; errors anger fält och meddelande.", INVALID),
    "429": ("För många misslyckade inloggningsförsök från adressen: spärrad en stund, även med rätt nyckel.",
            MESSAGE),
}


class InsatskollenAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Every error an operation can answer is in the schema, with its Swedish JSON shape: 401 and 429 for
        all (the key), 422 where there are parameters or a body, 400 where there is a body, 404 where the path
        names an object. Operations declare their own 403, 409 and 428."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                parameters = operation.get("parameters", [])
                wanted = {"401", "429"}
                if parameters or "requestBody" in operation:
                    wanted.add("422")
                if "requestBody" in operation:
                    wanted.add("400")
                if any(p.get("in") == "path" for p in parameters):
                    wanted.add("404")
                responses = operation.setdefault("responses", {})
                for status in sorted(wanted - {str(code) for code in responses}):
                    description, shape = ERRORS[status]
                    responses[int(status)] = {"description": description,
                                         "content": {"application/json": {"schema": shape}}}
        return schema


api = InsatskollenAPI(
    docs_decorator=signed_in,
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
