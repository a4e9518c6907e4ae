"""Terms in time for decisions recorded before them.

Before, a version held one set of terms for the decision's whole life. Each version becomes one period of terms
covering the decision's period, believed from the version's known_at until the next version's: every figure "as
known on" a past date stays what it was. Changes recorded from now on take effect from their own dates.
"""

from django.db import migrations, models

TERMS = ("intervention_type_id", "extent", "unit", "price", "contract_id", "provider_id", "level", "ifo_share_pct",
         "revenue_per_unit", "revenue_source")


def forwards(apps, schema_editor):
    Decision = apps.get_model("register", "Decision")
    DecisionVersion = apps.get_model("register", "DecisionVersion")
    DecisionTerm = apps.get_model("register", "DecisionTerm")
    rows, last_number = [], {}
    previous = None
    versions = DecisionVersion.objects.order_by("decision_id", "known_at", "number").values(
        "id", "decision_id", "number", "kind", "known_at", "start_date", "end_date", *TERMS)
    for version in versions.iterator(chunk_size=5000):
        key = (version["start_date"], version["end_date"], *(version[t] for t in TERMS))
        decision = version["decision_id"]
        last_number[decision] = max(version["number"], last_number.get(decision, 0))
        if previous is not None and previous[0] == decision:
            if previous[1] == key:
                continue
            previous[2].known_to = version["known_at"]
        row = DecisionTerm(decision_id=decision, valid_from=version["start_date"], valid_to=version["end_date"],
                           known_from=version["known_at"], **{t: version[t] for t in TERMS})
        rows.append(row)
        previous = (decision, key, row)
    DecisionTerm.objects.bulk_create(rows, batch_size=2000)
    for decision, number in last_number.items():
        Decision.objects.filter(pk=decision).update(version=number)
    Decision.objects.update(terms_from=models.F("start_date"))
    for version in DecisionVersion.objects.filter(kind="created").values("id", "start_date").iterator():
        DecisionVersion.objects.filter(pk=version["id"]).update(valid_from=version["start_date"],
                                                               affects_from=version["start_date"])


def backwards(apps, schema_editor):
    apps.get_model("register", "DecisionTerm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("register", "0002_terms_in_time")]
    operations = [migrations.RunPython(forwards, backwards)]
