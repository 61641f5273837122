"""What a sent file really is: its first bytes say the kind it claims, its structure must agree.

An image must decode whole (Pillow): a PHP script behind a PNG signature does not. A PDF must
parse (pypdf) and hold nothing that runs or hides: no JavaScript, no automatic action, no form,
no embedded or launched file, no rich media. A file that passes is stored as it came; a file
that fails is refused with a French message, never half-read.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

_MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}

#: PDF names that run code, act on opening, collect input or carry other files.
ACTIVE_PDF_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/AcroForm",
        "/XFA",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/Launch",
        "/RichMedia",
        "/GoToE",
        "/SubmitForm",
        "/ImportData",
    }
)
#: Objects walked in a PDF before giving up (a bomb of references is refused, not walked).
_MAX_OBJECTS = 200_000
#: Pixels of an image (a decompression bomb is refused before it is decoded).
_MAX_PIXELS = 60_000_000


class Refused(Exception):
    """The file is not what it claims, or carries what the platform does not take."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def media_type(content: bytes) -> str | None:
    """The kind the first bytes claim (PDF, PNG, JPEG), or None."""
    return next((media for magic, media in _MAGIC.items() if content.startswith(magic)), None)


def check(content: bytes) -> str:
    """The media type of `content` once its structure is checked; raises `Refused`."""
    media = media_type(content)
    if media is None:
        raise Refused("file_type", "Le fichier doit être un PDF, un PNG ou un JPEG.")
    if media == "application/pdf":
        _check_pdf(content)
    else:
        _check_image(content, "PNG" if media == "image/png" else "JPEG")
    return media


def _check_image(content: bytes, kind: str) -> None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != kind:
                    raise Refused("file_type", "Le fichier n'est pas l'image qu'il annonce.")
                if image.width * image.height > _MAX_PIXELS:
                    raise Refused("file_too_large", "L'image est trop grande pour être lue.")
                image.load()  # every pixel decoded: a script behind a signature does not
            with Image.open(io.BytesIO(content)) as again:
                again.verify()  # chunk checksums (PNG) and structure
    except Refused:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken or forged image
        raise Refused(
            "file_unreadable", "L'image est illisible ou n'est pas une vraie image."
        ) from exc


def _check_pdf(content: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise Refused(
                "file_encrypted", "Le PDF est protégé par un mot de passe : envoyez-le sans."
            )
        seen: set[tuple[int, int]] = set()
        stack: list[Any] = [reader.trailer]
        walked = 0
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                ref = (item.idnum, item.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                item = item.get_object()
            walked += 1
            if walked > _MAX_OBJECTS:
                raise Refused("file_unreadable", "Le PDF est trop complexe pour être vérifié.")
            if isinstance(item, DictionaryObject):
                active = set(ACTIVE_PDF_NAMES & {str(key) for key in item})
                if item.get("/S") in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData"):
                    active.add(str(item.get("/S")))
                if active:
                    raise Refused(
                        "file_active_content",
                        "Le PDF contient du contenu actif (script, formulaire ou fichier joint) : "
                        "imprimez-le en PDF ou envoyez une capture.",
                    )
                stack.extend(item.values())
            elif isinstance(item, ArrayObject):
                stack.extend(item)
        if len(reader.pages) == 0:
            raise Refused("file_unreadable", "Le PDF ne contient aucune page.")
    except Refused:
        raise
    except Exception as exc:  # pypdf raises many kinds for a broken or forged file
        raise Refused("file_unreadable", "Le PDF est illisible.") from exc
