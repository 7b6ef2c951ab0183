"""Text pasted as HTML: recognise it and keep only what a reader sees, one block per line."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DOCUMENT_START_RE = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"</?(p|div|span|br|a|h[1-6]|li|ul|ol|table|tr|td|body|head|script|style|meta|img|section|"
                     r"article|header|footer|nav|strong|em|b|i)\b[^<>]*>", re.IGNORECASE)
MIN_TAGS = 5
MIN_TAG_SHARE = 0.05  # of the characters: prose that quotes a tag or two is not HTML
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
               "section", "article", "header", "footer", "blockquote", "figcaption", "title", "hr", "dd", "dt"}
_HIDDEN_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "nav"}


def looks_like_html(text: str) -> bool:
    """True for an HTML document or a fragment dense with tags."""
    if _DOCUMENT_START_RE.match(text[:2000]):
        return True
    tags = _TAG_RE.findall(text)
    return len(tags) >= MIN_TAGS and sum(len(m.group(0)) for m in _TAG_RE.finditer(text)) >= MIN_TAG_SHARE * len(text)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text, entities decoded, one line per block element, spaces collapsed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
