"""What a ``<picture>`` needs, as data (for a Reflex component) and as escaped HTML
(for the first view); the Open Graph image and the JSON-LD ``image`` list. Pure:
no Pillow, no database, no Reflex.

    data = picture(ref, kind="full", sizes=SIZES["lead"], lead=True)
    picture_html(data)          # '<picture><source type="image/avif" srcset=...>...<img ...></picture>'
    data.as_dict()              # {"sources": [{"type", "src_set", "sizes"}], "src", "src_set", ...}

``kind="full"`` uses the renditions (the whole picture), ``kind="card"`` the 3:2
focal-point crops. The lead image loads eagerly with ``fetchpriority="high"``;
every other one lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from html import escape
from typing import TypedDict

from artisan_app.services.media import names
from artisan_app.services.media.names import ImageRef

# Widths the image takes on reader pages (styles.css: .main pads 1rem each side on phones,
# the front page's .lead-story is at most 52rem, an article and its figures --measure 42rem,
# a wide figure --wide 72rem from 76rem up, cards a third of the grid). The browser picks a
# candidate from these before any CSS is loaded, so they must not overstate the box: "100vw"
# on a phone or 72rem for a 42rem column fetches the next larger file for nothing.
SIZES = {
    "lead": "(min-width: 55rem) 52rem, calc(100vw - 2rem)",
    "cover": "(min-width: 45rem) 42rem, calc(100vw - 2rem)",
    "body": "(min-width: 45rem) 42rem, calc(100vw - 2rem)",
    "wide": "(min-width: 76rem) 72rem, (min-width: 45rem) 42rem, calc(100vw - 2rem)",
    "card": "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)",
}
FALLBACK_WIDTH = 960  # the <img src> for browsers without srcset: a middle size


@dataclass(frozen=True)
class Source:
    type: str
    src_set: str
    sizes: str


@dataclass(frozen=True)
class Picture:
    sources: tuple[Source, ...]  # AVIF, then WebP
    src: str  # JPEG fallback
    src_set: str  # JPEG candidates
    sizes: str
    width: int  # intrinsic size of the largest candidate: the box keeps its shape before loading
    height: int
    alt: str
    loading: str  # "eager" for the lead image, "lazy" for the rest
    fetch_priority: str  # "high" for the lead image, "auto" otherwise
    decoding: str = "async"

    def as_dict(self) -> dict[str, object]:
        """Plain values for a Reflex component (keys are its prop names)."""
        data = asdict(self)
        data["sources"] = list(data["sources"])
        return data


def _url_for(url: Callable[[str], str] | None) -> Callable[[str], str]:
    if url is not None:
        return url
    from artisan_app.services.media.storage import default_storage

    return default_storage().url


def _candidates(ref: ImageRef, kind: str) -> list[tuple[int, int, Callable[[str], str]]]:
    """(width, height, name for an extension) per candidate, smallest first."""
    if kind == "full":
        return [
            (*names.rendition_dims(ref, w), partial(names.rendition_name, ref.hash, w)) for w in names.rendition_widths(ref.width)
        ]
    if kind == "card":
        return [
            (*names.crop_dims("card", w), partial(names.crop_name, ref.hash, "card", ref.focal_x, ref.focal_y, w))
            for w in names.crop_widths(ref, "card")
        ]
    raise ValueError(f"unknown picture kind {kind!r}")


def picture(
    ref: ImageRef,
    *,
    kind: str = "full",
    sizes: str | None = None,
    lead: bool = False,
    alt: str | None = None,
    url: Callable[[str], str] | None = None,
) -> Picture:
    url = _url_for(url)
    candidates = _candidates(ref, kind)
    sizes = sizes or SIZES["card" if kind == "card" else "body"]

    def srcset(ext: str) -> str:
        return ", ".join(f"{url(name_for(ext))} {w}w" for w, _h, name_for in candidates)

    fallback = max([c for c in candidates if c[0] <= FALLBACK_WIDTH] or candidates[:1], key=lambda c: c[0])
    width, height, _ = candidates[-1]
    return Picture(
        sources=tuple(Source(names.CONTENT_TYPES[ext], srcset(ext), sizes) for ext in ("avif", "webp")),
        src=url(fallback[2]("jpg")),
        src_set=srcset("jpg"),
        sizes=sizes,
        width=width,
        height=height,
        alt=ref.alt if alt is None else alt,
        loading="eager" if lead else "lazy",
        fetch_priority="high" if lead else "auto",
    )


def _attrs(pairs: list[tuple[str, str | int]]) -> str:
    return "".join(f' {key}="{escape(str(value), quote=True)}"' for key, value in pairs)


def picture_html(data: Picture, *, class_name: str = "") -> str:
    """``<picture>`` markup, every value escaped."""
    sources = "".join(f"<source{_attrs([('type', s.type), ('srcset', s.src_set), ('sizes', s.sizes)])}>" for s in data.sources)
    img: list[tuple[str, str | int]] = [
        ("src", data.src),
        ("srcset", data.src_set),
        ("sizes", data.sizes),
        ("width", data.width),
        ("height", data.height),
        ("alt", data.alt),
        ("loading", data.loading),
        ("decoding", data.decoding),
    ]
    if data.fetch_priority != "auto":
        img.append(("fetchpriority", data.fetch_priority))
    if class_name:
        img.append(("class", class_name))
    return f"<picture>{sources}<img{_attrs(img)}></picture>"


def figure_html(ref: ImageRef, data: Picture, *, class_name: str = "figure") -> str:
    """The picture with its caption and credit (as text) in a ``<figure>``."""
    parts = [escape(ref.caption)] if ref.caption else []
    if ref.credit:
        parts.append(f'<span class="credit">{escape(ref.credit)}</span>')
    caption = f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""
    return f"<figure{_attrs([('class', class_name)])}>{picture_html(data)}{caption}</figure>"


def jpeg_url(ref: ImageRef, *, max_width: int = 1280, url: Callable[[str], str] | None = None) -> str:
    """One URL where only one fits (a feed's enclosure, an e-mail): the widest JPEG up to ``max_width``."""
    widths = names.rendition_widths(ref.width)
    width = max([w for w in widths if w <= max_width] or widths[:1])
    return _url_for(url)(names.rendition_name(ref.hash, width, "jpg"))


def absolute(site_url: str, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else site_url.rstrip("/") + path


class OgImage(TypedDict):
    url: str
    width: int
    height: int
    type: str
    alt: str


def og_image(ref: ImageRef, *, site_url: str, url: Callable[[str], str] | None = None) -> OgImage:
    """The Open Graph / Twitter image: the 1200×630 crop around the focal point."""
    name = names.crop_name(ref.hash, "social", ref.focal_x, ref.focal_y, names.SOCIAL_SIZE[0], "jpg")
    return {
        "url": absolute(site_url, _url_for(url)(name)),
        "width": names.SOCIAL_SIZE[0],
        "height": names.SOCIAL_SIZE[1],
        "type": "image/jpeg",
        "alt": ref.alt,
    }


def jsonld_images(ref: ImageRef, *, site_url: str, url: Callable[[str], str] | None = None) -> list[str]:
    """JSON-LD ``image``: the crops (1.9:1 social, 3:2 card) and the whole picture, as JPEG URLs."""
    url = _url_for(url)
    card = max(names.crop_widths(ref, "card"))
    full = max(names.rendition_widths(ref.width))
    return [
        og_image(ref, site_url=site_url, url=url)["url"],
        absolute(site_url, url(names.crop_name(ref.hash, "card", ref.focal_x, ref.focal_y, card, "jpg"))),
        absolute(site_url, url(names.rendition_name(ref.hash, full, "jpg"))),
    ]
