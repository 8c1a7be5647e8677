"""Pages in a language without a lexicon keep only the language-independent entries."""

import pytest

from vigipub.detect import Detector
from vigipub.extract import document_from_html

# Polish, written for this test: a ministry (MSZ) news item that also names exosomes.
POLISH = (
    "<html lang='pl'><body><h1>Komunikat prasowy</h1>"
    "<p>Rzecznik MSZ poinformował w środę, że delegacja ministerstwa spotka się z przedstawicielami "
    "władz w przyszłym tygodniu. Według rzecznika rozmowy będą dotyczyły współpracy gospodarczej, "
    "bezpieczeństwa oraz wymiany studentów między uczelniami obu krajów.</p>"
    "<p>W drugiej części spotkania omówione zostaną również badania naukowe nad egzosomami "
    "(exosomes) prowadzone przez instytuty akademii nauk. Przedstawiciele MSZ podkreślili, "
    "że wszystkie projekty są finansowane ze środków publicznych i podlegają kontroli.</p>"
    "</body></html>"
)


def _analysis(html: str):  # type: ignore[no-untyped-def]
    doc = document_from_html(html.encode("utf-8"), "https://gov.example.pl/komunikat")
    return doc, Detector.default().analyze(doc)


def test_a_long_foreign_page_does_not_match_another_language_s_acronyms() -> None:
    doc, analysis = _analysis(POLISH)
    assert doc.language == "other" and len(doc.text) >= 400
    entries = {e for f in analysis.findings for e in f.entry_ids}
    assert not any(e.startswith("de.therapy.msc") for e in entries), entries
    # language-independent entries (here « exosomes ») still fire
    assert any(f.kind == "therapy" and f.subkind == "exosomes" for f in analysis.findings)
    assert analysis.verdict == "not_promotion"


def test_a_short_text_of_unknown_language_keeps_every_lexicon() -> None:
    # too short for the classifier to tell: other languages' terms are still looked for
    doc = document_from_html(b"<p>MSZ: Stammzelltherapie, 3 Injektionen.</p>", "https://x.example/")
    doc = doc.model_copy(update={"language": "other"})
    assert len(doc.text) < 400
    analysis = Detector.default().analyze(doc)
    entries = {e for f in analysis.findings for e in f.entry_ids}
    assert any(e.startswith("de.therapy.msc") for e in entries), entries
    # the same text on a long page classified in another language loses them
    long_doc = doc.model_copy(update={"text": doc.text + " " + "x" * 400})
    long_entries = {e for f in Detector.default().analyze(long_doc).findings for e in f.entry_ids}
    assert not any(e.startswith("de.therapy.msc") for e in long_entries), long_entries


def _price_findings(html: str) -> list[str]:
    doc = document_from_html(html.encode("utf-8"), "https://site.example/")
    return [
        f.quote
        for f in Detector.default().analyze(doc).findings
        if (f.kind, f.subkind) == ("call_to_action", "price")
    ]


def test_a_price_the_page_reports_is_not_an_offer() -> None:
    news = (
        "<html lang='fr'><body><p>Selon l'enquête du journal, les patients payaient jusqu'à 30 000 euros "
        "pour des injections de cellules souches présentées comme un remède contre l'autisme.</p></body></html>"
    )
    clinic = (
        "<html lang='fr'><body><p>Notre traitement par cellules souches contre l'autisme coûte 9 500 € "
        "tout compris, hébergement inclus.</p></body></html>"
    )
    assert _price_findings(news) == []
    assert _price_findings(clinic) != []


# Russian and Arabic pages written for these tests (a clinic's offer and a news item).
RUSSIAN_OFFER = (
    "<html lang='ru'><body><h1>Лечение стволовыми клетками (stem cells) в нашей клинике</h1>"
    "<p>Мы предлагаем терапию мезенхимальными стволовыми клетками (MSC, stem cell therapy) при рассеянном "
    "склерозе, аутизме и артрозе. Курс лечения состоит из трёх внутривенных введений клеток, выращенных в нашей "
    "лаборатории. Пациенты отмечают улучшение уже после первого введения.</p>"
    "<p>Стоимость курса: $12 500. Запишитесь на консультацию по телефону +7 495 123 45 67.</p>"
    "</body></html>"
)
RUSSIAN_NEWS = (
    "<html lang='ru'><body><h1>Новости науки</h1>"
    "<p>Учёные университета сообщили о результатах исследования стволовых клеток (stem cells) на мышах. "
    "По словам авторов, до применения у людей пройдут годы: необходимы клинические испытания, которые "
    "подтвердят безопасность метода. Министерство здравоохранения предупреждает пациентов о клиниках, "
    "предлагающих недоказанные методы лечения за большие деньги.</p></body></html>"
)
ARABIC_OFFER = (
    "<html lang='ar'><body><h1>علاج تساقط الشعر بالإكسوزومات (exosome therapy)</h1>"
    "<p>نقدم في مركزنا علاج الإكسوزومات المشتقة من الخلايا الجذعية لتساقط الشعر وتجديد البشرة. تتكون الجلسة "
    "من حقن موضعية بسيطة، والنتائج تظهر بعد أسابيع قليلة. احجز موعدك الآن واحصل على استشارة مجانية.</p>"
    "<p>السعر: 900 $ للجلسة. للتواصل: +971 4 555 0123</p></body></html>"
)


def test_an_offer_in_a_language_without_a_lexicon_is_uncertain_never_promotion() -> None:
    for html in (RUSSIAN_OFFER, ARABIC_OFFER):
        doc, analysis = _analysis(html)
        assert doc.language == "other"  # long (Russian) or short (Arabic): the same rule
        assert analysis.verdict == "uncertain", analysis.reasons
        assert any("langue sans lexique" in r for r in analysis.reasons)
        kinds = {f.kind for f in analysis.findings}
        assert "therapy" in kinds and "call_to_action" in kinds  # Latin name, price or phone


def test_a_news_item_in_a_language_without_a_lexicon_is_not_promotion() -> None:
    doc, analysis = _analysis(RUSSIAN_NEWS)
    assert doc.language == "other"
    assert analysis.verdict == "not_promotion", analysis.reasons


def test_site_context_never_raises_a_page_in_a_language_without_a_lexicon() -> None:
    detector = Detector.default()
    clinic = document_from_html(
        b"<html lang='en'><body><h1>Stem cell therapy for autism</h1><p>Our clinic offers umbilical cord stem "
        b"cell infusions to children with autism. After three sessions 80% of our patients speak more. "
        b"Book a free consultation today.</p></body></html>",
        "https://clinic.example/en/autism",
    )
    russian = document_from_html(RUSSIAN_OFFER.encode(), "https://clinic.example/ru/lechenie")
    judged = detector.judge_in_sites([detector.analyze(clinic), detector.analyze(russian)])
    assert judged[0].verdict == "promotion"
    assert judged[1].verdict == "uncertain" and judged[1].page_verdict is None


# Written for these tests: offers that name the therapy only in their own script or language
# (no Latin product name), and a news item naming the same therapy without price or phone.
NATIVE_OFFERS = {
    "ru": (
        "<html lang='ru'><body><h1>Лечение аутизма стволовыми клетками</h1><p>Мы проводим лечение детского "
        "аутизма мезенхимальными стволовыми клетками уже более десяти лет. Курс состоит из трёх введений с "
        "интервалом в один месяц, после курса родители отмечают улучшение речи и внимания ребёнка.</p>"
        "<p>Стоимость курса лечения: 450 000 руб. Оплата возможна в рассрочку.</p></body></html>"
    ),
    "pl": (
        "<html lang='pl'><body><h1>Terapia komórkami macierzystymi w stwardnieniu rozsianym</h1><p>Nasza "
        "klinika oferuje leczenie stwardnienia rozsianego komórkami macierzystymi pozyskanymi z tkanki "
        "tłuszczowej pacjenta. Zabieg trwa jeden dzień, a pacjent wraca do domu tego samego dnia.</p>"
        "<p>Zadzwoń: +48 22 123 45 67 i umów się na wizytę w naszym centrum w Warszawie.</p></body></html>"
    ),
    "vi": (
        "<html lang='vi'><body><h1>Điều trị tự kỷ bằng tế bào gốc</h1><p>Trung tâm chúng tôi áp dụng liệu pháp "
        "tế bào gốc cho trẻ tự kỷ với quy trình hiện đại, an toàn. Mỗi liệu trình gồm ba lần truyền tế bào "
        "gốc, cách nhau một tháng, và phụ huynh được tư vấn miễn phí trong suốt quá trình điều trị.</p>"
        "<p>Chi phí trọn gói: 250 triệu đồng cho một liệu trình.</p></body></html>"
    ),
}
RUSSIAN_NATIVE_NEWS = (
    "<html lang='ru'><body><h1>Минздрав предупредил о клиниках стволовых клеток</h1><p>В последние годы "
    "частные клиники предлагают родителям детей с аутизмом лечение стволовыми клетками. Специалисты "
    "подчёркивают, что эффективность таких процедур не доказана, а сами процедуры могут быть опасны. "
    "Клинические исследования клеточных продуктов проводятся только с разрешения министерства, и эксперты "
    "рекомендуют не доверять рекламе в интернете.</p></body></html>"
)


@pytest.mark.parametrize("language", sorted(NATIVE_OFFERS))
def test_an_offer_naming_the_therapy_only_in_its_own_language_is_read(language: str) -> None:
    doc, analysis = _analysis(NATIVE_OFFERS[language])
    assert doc.language == "other"
    therapy = [f for f in analysis.findings if f.kind == "therapy"]
    assert therapy and all(f.language == language for f in therapy), therapy  # common.yaml's names
    assert any(f.kind == "call_to_action" for f in analysis.findings)  # its price or phone
    assert analysis.verdict == "uncertain", analysis.reasons


def test_a_price_in_another_currency_is_a_price() -> None:
    # the finding quotes the sentence holding the amount
    (ru,) = _price_findings(NATIVE_OFFERS["ru"])
    assert ru.endswith("450 000 руб.")
    (vi,) = _price_findings(NATIVE_OFFERS["vi"])
    assert "250 triệu đồng" in vi
    # an English length in feet is no price (« Ft », the forint, is left out on purpose)
    english = (
        "<html lang='en'><body><p>Our stem cell clinic has a 10 ft ceiling and a garden; the cost of "
        "parking is included.</p></body></html>"
    )
    assert _price_findings(english) == []


def test_a_news_item_naming_the_therapy_in_its_own_language_is_not_raised() -> None:
    doc, analysis = _analysis(RUSSIAN_NATIVE_NEWS)
    assert doc.language == "other"
    assert any(f.kind == "therapy" and f.language == "ru" for f in analysis.findings)
    assert analysis.verdict == "not_promotion", analysis.reasons


# Written for these tests: offers in scripts written without spaces between words (Chinese,
# Japanese, Thai) or with particles attached to the word (Korean), and a Chinese news item.
UNSPACED_OFFERS = {
    "zh": (
        "<html lang='zh'><body><h1>干细胞治疗自闭症</h1><p>我们的中心采用脐带间充质干细胞治疗儿童自闭症，已有十年经验。"
        "每个疗程包括三次静脉输注，间隔一个月。家长普遍反映孩子的语言和注意力明显改善。</p>"
        "<p>疗程费用：人民币15万元。</p></body></html>",
        "stem_cells",
        "15万元",
    ),
    "ja": (
        "<html lang='ja'><body><h1>幹細胞治療で膝の痛みを改善</h1><p>当院では、患者様ご自身の脂肪から採取した"
        "間葉系幹細胞を培養し、膝関節に注入する治療を提供しています。治療は日帰りで、翌日から通常の生活に戻れます。</p>"
        "<p>治療費：150万円（税込）。</p></body></html>",
        "mesenchymal_stem_cells",
        "150万円",
    ),
    "ko": (
        "<html lang='ko'><body><h1>관절염 치료</h1><p>저희 병원은 환자 본인의 지방에서 추출한 줄기세포를 배양하여 "
        "무릎 관절에 주사합니다. 시술은 당일에 끝나며 다음 날부터 일상생활이 가능합니다.</p>"
        "<p>시술 비용은 1회 300만원입니다.</p></body></html>",
        "stem_cells",
        "300만원",
    ),
    "th": (
        "<html lang='th'><body><h1>การรักษาโรคข้อเข่าเสื่อม</h1><p>คลินิกของเราให้บริการรักษาด้วยสเต็มเซลล์จากไขมันของผู้ป่วยเอง "
        "โดยเพาะเลี้ยงเซลล์ในห้องปฏิบัติการและฉีดเข้าข้อเข่า การรักษาใช้เวลาเพียงหนึ่งวัน</p>"
        "<p>ค่ารักษา 150,000 บาท</p></body></html>",
        "stem_cells",
        "150,000 บาท",
    ),
}
CHINESE_NEWS = (
    "<html lang='zh'><body><h1>卫生部门提醒公众警惕干细胞治疗广告</h1><p>近年来，一些私立机构在网上宣传干细胞治疗"
    "可以治愈自闭症和多种慢性疾病。专家指出，这些疗法的安全性和有效性尚未得到临床试验的证实。"
    "卫生部门提醒患者不要轻信网络广告，并表示将依法查处违法宣传的机构。</p></body></html>"
)


@pytest.mark.parametrize("language", sorted(UNSPACED_OFFERS))
def test_a_therapy_is_read_in_a_script_without_spaces(language: str) -> None:
    html, family, amount = UNSPACED_OFFERS[language]
    doc, analysis = _analysis(html)
    assert doc.language == "other"
    therapy = {(f.subkind, f.language) for f in analysis.findings if f.kind == "therapy"}
    assert (family, language) in therapy, therapy
    prices = [f.quote for f in analysis.findings if (f.kind, f.subkind) == ("call_to_action", "price")]
    assert any(amount in q for q in prices), prices
    assert analysis.verdict == "uncertain", analysis.reasons


def test_a_sentence_ends_at_a_full_width_stop() -> None:
    doc, analysis = _analysis(UNSPACED_OFFERS["zh"][0])
    quotes = {f.quote for f in analysis.findings if f.kind == "therapy" and f.language == "zh"}
    # the quote is the sentence, not the paragraph: Chinese puts no space after « 。 »
    assert "我们的中心采用脐带间充质干细胞治疗儿童自闭症，已有十年经验。" in quotes, quotes


def test_a_news_item_in_chinese_is_not_raised() -> None:
    doc, analysis = _analysis(CHINESE_NEWS)
    assert doc.language == "other"
    assert any(f.kind == "therapy" and f.language == "zh" for f in analysis.findings)
    assert analysis.verdict == "not_promotion", analysis.reasons


def test_a_latin_term_still_needs_its_word_boundaries() -> None:
    from vigipub.detect.lexicon import needs_boundary

    assert needs_boundary("s") and needs_boundary("é") and needs_boundary("с")
    assert not needs_boundary("干") and not needs_boundary("ス") and not needs_boundary("줄")
    assert not needs_boundary("ส") and not needs_boundary("-")


def test_japan_s_stem_cell_culture_supernatant_is_a_secretome() -> None:
    # « 幹細胞培養上清液 » (the medium stem cells grew in, sold as drips) holds « 幹細胞 »: one finding,
    # the longer one's
    doc, analysis = _analysis(
        "<html lang='ja'><body><h1>幹細胞培養上清液点滴</h1><p>当院では幹細胞培養上清液の点滴を行っています。"
        "疲労回復や美肌に効果が期待できます。</p><p>1回 55,000円（税込）。</p></body></html>"
    )
    families = [f.subkind for f in analysis.findings if f.kind == "therapy"]
    assert families and set(families) == {"secretome"}, families
    assert analysis.verdict == "uncertain", analysis.reasons
