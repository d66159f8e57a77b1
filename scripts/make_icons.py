"""Draw the program icon: a red rounded square with a yellow five-pointed star.

Writes ``resources/icons/app.png`` (256 px) and ``resources/icons/app.ico`` (16–256 px) for the
Windows build. Run again only when the design changes: ``python scripts/make_icons.py``.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
RED = (218, 37, 29, 255)
YELLOW = (255, 205, 0, 255)
SUPERSAMPLE = 4


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def draw(size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = big * 0.04
    d.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.18, fill=RED)
    outer = big * 0.34
    d.polygon(star(big / 2, big * 0.53, outer, outer * 0.382), fill=YELLOW)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    large = draw(256)
    large.save(OUT / "app.png")
    sizes = [16, 24, 32, 48, 64, 128, 256]
    large.save(OUT / "app.ico", sizes=[(s, s) for s in sizes])
    print(f"wrote {OUT / 'app.png'} and {OUT / 'app.ico'}")


if __name__ == "__main__":
    main()
