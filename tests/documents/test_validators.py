import io
import unicodedata
import zipfile

import pytest
from django.core.exceptions import ValidationError

from quantriet.core.files import DOCX, PDF, check_attachment
from quantriet.documents.validators import (
    normalize_number,
    number_style,
    validate_number,
)
from tests.documents.conftest import PDF_BYTES, docx_bytes


@pytest.mark.parametrize(
    "number",
    ["339-QĐ/TW", "21-NQ/TW", "01-CTr/ĐU", "45-KH/BTGDVTU", "15-KL/TW", "08-QĐi/TW", "57-NQ/TW"],
)
def test_party_numbers_accepted(number):
    assert validate_number(number) == number
    assert number_style(number) == "party"


@pytest.mark.parametrize(
    "number",
    ["13/2023/NĐ-CP", "123/QĐ-UBND", "45/2019/QH14", "1234/QĐ-TTg", "01/2024/TT-BGDĐT"],
)
def test_state_numbers_accepted(number):
    assert validate_number(number) == number
    assert number_style(number) == "state"


@pytest.mark.parametrize(
    "number", ["abc", "NQ-21/TW", "21-NQ", "21/", "21 NQ TW", "21-NQ/TW/", "-21/TW", "21-nq/TW"]
)
def test_bad_numbers_refused_with_both_examples(number):
    with pytest.raises(ValidationError) as info:
        validate_number(number)
    message = info.value.messages[0]
    assert "339-QĐ/TW" in message
    assert "13/2023/NĐ-CP" in message


def test_number_blank_allowed_and_spaces_stripped():
    assert validate_number("") == ""
    assert validate_number(" 339 - QĐ / TW ") == "339-QĐ/TW"


def test_number_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "21-NQ/TƯ")
    assert decomposed != "21-NQ/TƯ"
    assert validate_number(decomposed) == "21-NQ/TƯ"
    assert normalize_number(decomposed) == "21-NQ/TƯ"


def _check(content: bytes, name: str):
    return check_attachment(io.BytesIO(content), name, len(content))


def test_pdf_and_docx_accepted():
    assert _check(PDF_BYTES, "Nghị quyết.pdf").content_type == PDF
    assert _check(docx_bytes(), "ke-hoach.DOCX").content_type == DOCX


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"Day la van ban thuong, khong phai PDF.", "gia-mao.pdf"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "chuong-trinh.pdf"),
        (PDF_BYTES, "doi-ten.docx"),
        (docx_bytes(), "doi-ten.pdf"),
        (PDF_BYTES, "virus.exe"),
    ],
)
def test_wrong_content_refused(content, name):
    with pytest.raises(ValidationError) as info:
        _check(content, name)
    assert "PDF hoặc DOCX" in info.value.messages[0]


def test_zip_without_word_document_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    with pytest.raises(ValidationError):
        _check(buffer.getvalue(), "tai-lieu.docx")


def test_oversize_refused(settings):
    settings.MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationError) as info:
        _check(PDF_BYTES, "lon.pdf")
    assert "quá lớn" in info.value.messages[0]
