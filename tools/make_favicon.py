"""Writes theme/static/favicon.svg and favicon.ico (a 32x32 PNG inside an ICO container, which
every current browser reads) from one drawing: prison bars in the site's accent colour.
Pure Python (zlib), so no image library is needed. Run: python tools/make_favicon.py"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 32
ACCENT = (0xA4, 0x16, 0x1A)
WHITE = (0xFF, 0xFF, 0xFF)
# (x, y, width, height) in a 32x32 grid: three bars between two rails.
RECTS = [(6, 5, 20, 3), (6, 24, 20, 3), (8, 8, 3, 16), (14.5, 8, 3, 16), (21, 8, 3, 16)]
ROOT = Path(__file__).resolve().parent.parent / "theme" / "static"


def svg() -> str:
    bars = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{h}"/>' for x, y, w, h in RECTS)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32" rx="6" fill="#a4161a"/><g fill="#fff">{bars}</g>'
            "</svg>\n")


def _pixel(x: int, y: int) -> tuple[int, int, int, int]:
    cx, cy = x + 0.5, y + 0.5
    corner = 6  # the rounded corners of the SVG, transparent
    for qx, qy in ((corner, corner), (SIZE - corner, corner), (corner, SIZE - corner),
                   (SIZE - corner, SIZE - corner)):
        outside_x = cx < corner and qx == corner or cx > SIZE - corner and qx != corner
        outside_y = cy < corner and qy == corner or cy > SIZE - corner and qy != corner
        if outside_x and outside_y and (cx - qx) ** 2 + (cy - qy) ** 2 > corner ** 2:
            return (0, 0, 0, 0)
    for rx, ry, rw, rh in RECTS:
        if rx <= cx < rx + rw and ry <= cy < ry + rh:
            return (*WHITE, 255)
    return (*ACCENT, 255)


def png() -> bytes:
    rows = b"".join(b"\0" + b"".join(bytes(_pixel(x, y)) for x in range(SIZE))
                    for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def ico(image: bytes) -> bytes:
    """ICONDIR + one ICONDIRENTRY + the PNG (the ICO format allows PNG images since Vista)."""
    return (struct.pack("<HHH", 0, 1, 1)
            + struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16) + image)


if __name__ == "__main__":
    (ROOT / "favicon.svg").write_text(svg(), encoding="utf-8")
    (ROOT / "favicon.ico").write_bytes(ico(png()))
    print("wrote theme/static/favicon.svg and favicon.ico")
