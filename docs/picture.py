"""Redraw docs/briefing.png from what `make demo` prints (needs Pillow, not a dependency):

    .venv/bin/briefbot brief seeds/ | python docs/picture.py docs/briefing.png

Headings are blue and disputed figures orange, as a terminal theme would show them.
"""

import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
LINES = 58  # the top of the briefing, down to the first reaction
STEP = 19  # pixels from one line to the next
BACKGROUND, TEXT, HEADING, DISPUTED = "#1e1f24", "#e6e6e6", "#7cc4ff", "#ffa657"


def colours(lines: list[str]) -> list[str]:
    """One colour per line; a wrapped item (continued on indented lines) is one colour."""
    out: list[str] = []
    for n, line in enumerate(lines):
        if _continues(line) and out:  # the rest of the item above
            out.append(out[-1])
            continue
        item = [line]
        for rest in lines[n + 1 :]:
            if not _continues(rest):
                break
            item.append(rest)
        heading = line.startswith("=") or (line.isupper() and "[" not in line)
        disputed = "!! disputed" in " ".join(item) or line.startswith("  ! ")
        out.append(HEADING if heading else DISPUTED if disputed else TEXT)
    return out


def _continues(line: str) -> bool:
    """A wrapped line: indented, and not the start of a new item (`- `, `* `, `> `…)."""
    return line.startswith("    ") and line.lstrip()[:2] not in ("- ", "* ", "! ", "> ", "? ")


def main() -> None:
    lines = sys.stdin.read().splitlines()[:LINES]
    font = ImageFont.truetype(FONT, 15)
    image = Image.new(
        "RGB", (int(font.getlength("M") * 82) + 40, STEP * len(lines) + 40), BACKGROUND
    )
    draw = ImageDraw.Draw(image)
    for n, (line, colour) in enumerate(zip(lines, colours(lines), strict=True)):
        draw.text((20, 20 + STEP * n), line, font=font, fill=colour)
    image.save(sys.argv[1])


if __name__ == "__main__":
    main()
