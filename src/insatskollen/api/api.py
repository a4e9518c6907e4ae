from ninja import NinjaAPI

api = NinjaAPI(title="Insatskollen API", version="1")
