"""Uploaded spreadsheets are size-limited and parsed safely: no XML entity expansion, no zip bombs."""

import zipfile

import pytest

from insatskollen.register.importing.service import register_import
from insatskollen.register.models import Decision

from .helpers import FIXTURES


def _rewrite(source, target, replace):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, replace(info.filename, data))


@pytest.mark.django_db
def test_xlsx_with_a_doctype_entity_declaration_is_refused(tmp_path):
    evil = tmp_path / "evil.xlsx"

    def add_entities(name, data):
        if name == "xl/worksheets/sheet1.xml":
            head = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            return head + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
        return data

    _rewrite(FIXTURES / "register_small.xlsx", evil, add_entities)
    result = register_import(evil, actor=None)
    assert result.status == "refused"
    assert "DOCTYPE" in result.errors[0].message
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_xlsx_that_unpacks_to_an_absurd_size_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xlsx"

    def pad(name, data):
        return data + b" " * 50_000_000 if name == "xl/worksheets/sheet1.xml" else data

    _rewrite(FIXTURES / "register_small.xlsx", bomb, pad)
    result = register_import(bomb, actor=None)
    assert result.status == "refused"
    assert "orimlig" in result.errors[0].message


@pytest.mark.django_db
def test_files_over_the_size_limit_are_refused_before_reading(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    result = register_import(FIXTURES / "register_small.xlsx", actor=None)
    assert result.status == "refused"
    assert "för stor" in result.errors[0].message
