"""Demo figures drawn with Pillow: plain charts and illustrations with no text in them.

Text baked into a picture cannot be translated, searched or read aloud, and the demo font
lacks Hangul; each page's caption carries the words, per language, and doubles as alt text.
"""

import io

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 400
PAPER = (255, 255, 255)
INK = (27, 31, 36)
MUTED = (120, 130, 140)


def _canvas():
    picture = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    return picture, ImageDraw.Draw(picture)


def _png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _tint(colour, amount):
    """The colour mixed with white: 0 is the colour, 1 is white."""
    return tuple(round(c + (255 - c) * amount) for c in colour)


def timeline(spec):
    """Years along an axis (a tick a year, a longer one every five); milestones and spans on it."""
    colour = tuple(spec["colour"])
    first, last = spec["years"]
    picture, draw = _canvas()
    left, right, axis_y = 60, WIDTH - 60, HEIGHT - 90

    def x_of(year):
        return left + (right - left) * (year - first) / (last - first)

    draw.line((left, axis_y, right, axis_y), fill=INK, width=4)
    for year in range(first, last + 1):
        tall = 18 if year % 5 == 0 else 8
        draw.line((x_of(year), axis_y - tall, x_of(year), axis_y + tall), fill=INK, width=2)
    for year in spec.get("points", []):
        x = x_of(year)
        draw.line((x, axis_y, x, axis_y - 200), fill=colour, width=4)
        draw.ellipse((x - 22, axis_y - 244, x + 22, axis_y - 200), fill=colour)
    for start, end in spec.get("spans", []):
        x0, x1 = x_of(start), x_of(end)
        draw.rectangle((x0, axis_y - 230, x1, axis_y - 4), fill=colour)
        if spec.get("ongoing"):
            # Development carries on after the span: an arrow along the axis to the last year.
            arrow_y = axis_y - 100
            draw.line((x1, arrow_y, x_of(last) - 24, arrow_y), fill=_tint(colour, 0.35), width=10)
            tip = x_of(last)
            draw.polygon(
                [(tip, arrow_y), (tip - 30, arrow_y - 20), (tip - 30, arrow_y + 20)],
                fill=_tint(colour, 0.35),
            )
    return _png(picture)


def bars(spec):
    """Vertical bars to scale from a zero baseline, one per value, left to right."""
    colour = tuple(spec["colour"])
    values = spec["values"]
    picture, draw = _canvas()
    base_y, top_y = HEIGHT - 50, 40
    highest = max(values)
    for step in range(0, 5):  # light gridlines, a quarter of the highest value apart
        y = base_y - (base_y - top_y) * step / 4
        draw.line((80, y, WIDTH - 80, y), fill=_tint(MUTED, 0.7), width=1)
    slot = (WIDTH - 160) / len(values)
    for index, value in enumerate(values):
        x0 = 80 + slot * index + slot * 0.25
        x1 = x0 + slot * 0.5
        y = base_y - (base_y - top_y) * value / highest
        shade = colour if index == len(values) - 1 else _tint(colour, 0.45)
        draw.rectangle((x0, y, x1, base_y), fill=shade)
    draw.line((60, base_y, WIDTH - 60, base_y), fill=INK, width=4)
    return _png(picture)


def pillars(spec):
    """Three pillars under one beam: the three parts that hold a system up."""
    colour = tuple(spec["colour"])
    picture, draw = _canvas()
    draw.polygon([(200, 110), (WIDTH // 2, 40), (WIDTH - 200, 110)], fill=colour)
    draw.rectangle((190, 110, WIDTH - 190, 135), fill=colour)
    for centre in (300, WIDTH // 2, WIDTH - 300):
        draw.rectangle((centre - 45, 150, centre + 45, 320), fill=_tint(colour, 0.3))
        draw.rectangle((centre - 60, 135, centre + 60, 150), fill=colour)
    draw.rectangle((170, 320, WIDTH - 170, 345), fill=colour)
    draw.rectangle((140, 345, WIDTH - 140, 365), fill=_tint(colour, 0.2))
    return _png(picture)


def video_call(spec):
    """A screen of a video meeting: a grid of participants, the speaker's tile outlined."""
    colour = tuple(spec["colour"])
    picture, draw = _canvas()
    draw.rounded_rectangle((150, 20, WIDTH - 150, HEIGHT - 40), radius=16, fill=INK)
    columns, rows = 3, 2
    pad, left, top = 16, 180, 50
    tile_w = (WIDTH - 2 * left - pad * (columns - 1)) / columns
    tile_h = (HEIGHT - 40 - top - 30 - pad * (rows - 1)) / rows
    for row in range(rows):
        for column in range(columns):
            x0 = left + column * (tile_w + pad)
            y0 = top + row * (tile_h + pad)
            draw.rectangle((x0, y0, x0 + tile_w, y0 + tile_h), fill=_tint(colour, 0.75))
            cx, cy = x0 + tile_w / 2, y0 + tile_h / 2
            draw.ellipse((cx - 22, cy - 42, cx + 22, cy + 2), fill=colour)
            draw.pieslice((cx - 48, cy + 8, cx + 48, cy + 100), 180, 360, fill=colour)
            if (row, column) == (0, 1):
                draw.rectangle((x0, y0, x0 + tile_w, y0 + tile_h), outline=(255, 191, 71), width=6)
    return _png(picture)


DRAWINGS = {"timeline": timeline, "bars": bars, "pillars": pillars, "video_call": video_call}


def draw_figure(spec):
    """PNG bytes of the drawing a spec from images.yaml names."""
    return DRAWINGS[spec["drawing"]](spec)
