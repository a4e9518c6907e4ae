import json
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())
HEADER = ("Beslut-id;Personnummer;Handläggare;Insatskod;Insats;Lag;Omfattning;Enhet;Pris;Utförare;Utförartyp;"
          "Beslutsdatum;Startdatum;Slutdatum;IFO-andel %;Intäkt per enhet;Intäktskälla;Kommentar")


def write_csv(tmp_path: Path, *rows: str, header: str = HEADER, name: str = "register.csv",
              encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path
