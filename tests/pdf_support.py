"""Reading the PDFs the tests make, with pypdf (a real PDF library)."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

FOOTER = re.compile(r"^Page \d+ of \d+$")


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def page_texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in pdf.pages]


def body_text(pdf: PdfReader, running_titles: set[str] = frozenset()) -> str:
    """All pages' text without the footers and running headers."""
    lines = []
    for text in page_texts(pdf):
        for line in text.splitlines():
            if FOOTER.match(line.strip()) or line.strip() in running_titles:
                continue
            lines.append(line)
    return "\n".join(lines)


def squash(text: str) -> str:
    """Text with all whitespace removed, NFC: robust to line breaks and justification."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)


def outline_tree(pdf: PdfReader) -> list:
    """The outline as nested (title, [children]) pairs."""
    def walk(items):
        result = []
        for item in items:
            if isinstance(item, list):
                result[-1][1].extend(walk(item))
            else:
                result.append((item.title, []))
        return result
    return walk(pdf.outline)


def fonts(pdf: PdfReader) -> dict[str, bool]:
    """Every font used on any page (forms included) -> whether its file is embedded."""
    found: dict[str, bool] = {}

    def scan(resources):
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                scan(xobject.get("/Resources"))

    for page in pdf.pages:
        scan(page.get("/Resources"))
    return found


def images(pdf: PdfReader) -> int:
    count = 0
    for page in pdf.pages:
        xobjects = (page["/Resources"].get("/XObject") or {})
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def annotations(pdf: PdfReader) -> list[dict]:
    found = []
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            found.append(annotation.get_object())
    return found


def word_spacings(page) -> list[float]:
    """The word spacing (``Tw``) of every line drawn on *page*: above 0 on a
    justified line, where ReportLab widens the spaces to fill it."""
    data = page.get_contents().get_data()
    return [float(value) for value in re.findall(rb"(-?[\d.]+) Tw\b", data)]
