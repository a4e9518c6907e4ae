"""Fetching from Kolada's public API when the machine is online: a configurable base URL
(`INSATSKOLLEN_KOLADA_BASE_URL`, default https://api.kolada.se/v2) and timeout (`INSATSKOLLEN_KOLADA_TIMEOUT`,
seconds), following the answer's next page. Offline, a clear Swedish message (KoladaOffline)."""

from __future__ import annotations

import urllib.error
import urllib.request

from insatskollen.benchmarking.kolada import KoladaAnswer, parse_answer

MAX_PAGES = 20


class KoladaOffline(RuntimeError):
    pass


def data_url(base: str, kpis: list[str], municipalities: list[str], years: list[int]) -> str:
    return (f"{base.rstrip('/')}/data/kpi/{','.join(kpis)}/municipality/{','.join(municipalities)}"
            f"/year/{','.join(str(y) for y in years)}")


def fetch(url: str, *, timeout: float) -> KoladaAnswer:
    """One answer with all its pages."""
    answer = KoladaAnswer()
    pages = 0
    while url and pages < MAX_PAGES:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                body = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KoladaOffline(
                f"Kolada kunde inte nås ({reason}). Datorn saknar troligen internetanslutning, eller så svarar "
                f"inte {url.split('/data/')[0]} inom {timeout:g} sekunder. Hämta svaret i en webbläsare på en "
                f"dator med internet, spara det som fil och importera filen: insatskollen import_kolada FIL"
            ) from None
        page = parse_answer(body)
        answer.values += page.values
        answer.municipalities.update(page.municipalities)
        answer.groups.update(page.groups)
        url, pages = page.next_page, pages + 1
    return answer
