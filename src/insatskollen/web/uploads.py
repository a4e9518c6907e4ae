"""Uploaded files between upload and import: kept under IMPORT_UPLOAD_DIR, readable by the application's own user
only (directory 700, files 600), deleted after the import or the refusal, and otherwise after
UPLOAD_RETENTION_HOURS by `insatskollen purge_uploads` (run from cron; a file being imported is kept)."""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from insatskollen.register.models import ImportJob

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def upload_directory() -> Path:
    directory = Path(settings.IMPORT_UPLOAD_DIR)
    directory.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    os.chmod(directory, DIRECTORY_MODE)
    return directory


def store_upload(upload: UploadedFile) -> Path:
    """Save an upload with a random name (the user's file name is never a path), created with mode 600 so that it
    is never readable by others, not even for a moment."""
    target = upload_directory() / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()[:10]}"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    os.chmod(target, FILE_MODE)  # whatever the umask
    return target


@dataclass(frozen=True)
class Purge:
    deleted: list[str]
    kept: int


def purge_uploads(*, older_than_hours: float | None = None, now: float | None = None,
                  dry_run: bool = False) -> Purge:
    """Delete uploads older than the retention (default settings.UPLOAD_RETENTION_HOURS), except the file of an
    import that is running."""
    hours = settings.UPLOAD_RETENTION_HOURS if older_than_hours is None else older_than_hours
    directory = Path(settings.IMPORT_UPLOAD_DIR)
    if not directory.is_dir():
        return Purge(deleted=[], kept=0)
    limit = (time.time() if now is None else now) - hours * 3600
    running = set(ImportJob.objects.filter(status__in=(ImportJob.Status.VALIDATING, ImportJob.Status.IMPORTING))
                  .values_list("stored_path", flat=True))
    deleted, kept = [], 0
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        if path.stat().st_mtime >= limit or str(path) in running:
            kept += 1
            continue
        if not dry_run:
            path.unlink(missing_ok=True)
        deleted.append(path.name)
    return Purge(deleted=deleted, kept=kept)
