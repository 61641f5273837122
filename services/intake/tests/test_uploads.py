"""A sent file is what its structure says, not what its first bytes claim: the review's
polyglot PDF (JavaScript run on opening) and a PHP script named .png are refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from spplus.intake import uploads


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "JPEG")
    return out.getvalue()


def pdf(*, javascript: bool = False, attachment: bool = False, form: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:  # what a polyglot carries: a script run when the file is opened
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('bonjour');"),
            }
        )
    if attachment:
        writer.add_attachment("note.txt", b"hello")
    if form:
        writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): TextStringObject("")}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_real_files_pass_and_say_what_they_are() -> None:
    assert uploads.check(png()) == "image/png"
    assert uploads.check(jpeg()) == "image/jpeg"
    assert uploads.check(pdf()) == "application/pdf"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n<?php system($_GET['c']); ?>", "file_unreadable"),
        (b"\xff\xd8\xff\xe0<?php echo 1; ?>", "file_unreadable"),
        (b"%PDF-1.4\n" + b"0" * 2000, "file_unreadable"),
        (pdf(javascript=True), "file_active_content"),
        (pdf(attachment=True), "file_active_content"),
        (pdf(form=True), "file_active_content"),
        (b"MZ\x90\x00" * 10, "file_type"),
        (png()[:60], "file_unreadable"),  # cut short
    ],
)
def test_forged_broken_or_active_files_are_refused(content: bytes, code: str) -> None:
    with pytest.raises(uploads.Refused) as refused:
        uploads.check(content)
    assert refused.value.code == code
    assert refused.value.message  # in French, for the person who sent it


def test_a_pdf_that_hides_its_script_behind_escaped_names_is_refused() -> None:
    """`/J#61vaScript` is `/JavaScript` once parsed: the check reads names as the viewer does."""
    clean = pdf(javascript=True)
    hidden = clean.replace(b"/JavaScript", b"/J#61vaScript").replace(
        b"/OpenAction", b"/Open#41ction"
    )
    assert b"/JavaScript" not in hidden and b"/OpenAction" not in hidden
    with pytest.raises(uploads.Refused) as refused:
        uploads.check(hidden)
    assert refused.value.code == "file_active_content"
