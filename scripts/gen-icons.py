#!/usr/bin/env python3
"""Draw the app icon (a party-red rounded square with 「台账」 in white) in every size Tauri's bundler asks for.

Needs Pillow and Debian's fonts-noto-cjk. Run from the repository root: python3 scripts/gen-icons.py
"""
from PIL import Image, ImageDraw, ImageFont
import pathlib

RED = (200, 22, 29, 255)  # #C8161D
GOLD = (255, 214, 102, 255)
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
out = pathlib.Path(__file__).resolve().parent.parent / "icons"
out.mkdir(exist_ok=True)


def draw(size: int) -> Image.Image:
    s = 1024
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40, 40, s - 40, s - 40], radius=200, fill=RED)
    d.rounded_rectangle([110, 110, s - 110, s - 110], radius=140, outline=GOLD, width=18)
    font = ImageFont.truetype(FONT, 330, index=2)  # index 2: SC
    for text, y in (("台", 300), ("账", 690)):
        d.text((s / 2, y), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img.resize((size, size), Image.LANCZOS)


for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    draw(size).save(out / name)
big = draw(1024)
big.save(out / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
big.save(out / "icon.icns")
print("icons written to", out)
