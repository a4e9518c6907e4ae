"""Intervention types for the FK tests."""

import pytest

from insatskollen.register.models import InterventionType


@pytest.fixture
def assistance(db):
    return InterventionType.objects.create(code="6220", name="Personlig assistans", law="LSS", unit="tim/vecka")


@pytest.fixture
def sol_assistance(db):
    return InterventionType.objects.create(code="6135", name="Hemhjälp i assistansliknande form", law="SoL",
                                           unit="tim/månad")
