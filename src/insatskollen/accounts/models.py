"""The ordering unit (beställarenhet), its teams and its users with their roles."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """A beställarenhet: the ordering unit that owns the budget."""

    name = models.CharField(_("namn"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("beställarenhet")
        verbose_name_plural = _("beställarenheter")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="teams", verbose_name=_("enhet"))
    name = models.CharField(_("namn"), max_length=200)
    code = models.SlugField(_("kod"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("team")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Handläggare")
    UNIT_HEAD = "unit_head", _("Sektionschef")
    CONTROLLER = "controller", _("Controller")
    ADMIN = "admin", _("Administratör")


class User(AbstractUser):
    """A person who logs in. Caseworkers (handläggare) belong to a team; the register names them by username."""

    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("team")
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "ik_" + secrets.token_urlsafe(32)
