"""Free text in table cells keeps its dates, personnummer, ids and amounts whole: each sits in a nowrap span, so
a narrow column breaks between words but never inside "2026-09-28". Escaping still happens."""

from insatskollen.web.templatetags.sv import nowrap_values


def test_dates_ids_personal_numbers_and_amounts_are_kept_whole():
    text = "Avslutet rapporterades 2026-10-16 för BES-001974 (19740407-****), 12 345 kr per år."

    assert nowrap_values(text) == (
        'Avslutet rapporterades <span class="nowrap">2026-10-16</span> för <span class="nowrap">BES-001974</span> '
        '(<span class="nowrap">19740407-****</span>), <span class="nowrap">12 345 kr</span> per år.')


def test_the_text_around_the_values_is_escaped():
    assert nowrap_values("<b>2026-10</b>") == '&lt;b&gt;<span class="nowrap">2026-10</span>&lt;/b&gt;'


def test_plain_words_are_left_alone():
    assert nowrap_values("Behovet har minskat efter uppföljning.") == "Behovet har minskat efter uppföljning."
