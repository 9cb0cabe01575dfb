"""The corpus of Dutch test sentences and the two figures it measures: the recall of personal
details and the retention of the words the allow-list knows (``data/corpus.txt``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from wijkregie.deidentification.engine import Deidentifier

CORPUS = Path(__file__).parent / "data" / "corpus.txt"
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


@dataclass
class Sentence:
    text: str
    details: list[tuple[int, int]]
    keep: list[tuple[int, int]]


@dataclass
class Figures:
    details: int = 0
    removed: int = 0
    keep: int = 0
    kept: int = 0
    missed: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.removed / self.details if self.details else 1.0

    @property
    def retention(self) -> float:
        return self.kept / self.keep if self.keep else 1.0


def sentences(path: Path = CORPUS) -> list[Sentence]:
    result = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, details, keep, cursor = [], [], [], 0
        length = 0
        for m in _MARK.finditer(line):
            plain = line[cursor : m.start()]
            text.append(plain)
            length += len(plain)
            inner = m.group(1) if m.group(1) is not None else m.group(2)
            (details if m.group(1) is not None else keep).append((length, length + len(inner)))
            text.append(inner)
            length += len(inner)
            cursor = m.end()
        text.append(line[cursor:])
        result.append(Sentence("".join(text), details, keep))
    return result


def measure(deidentifier: Deidentifier, path: Path = CORPUS) -> Figures:
    """A detail counts as removed when every letter and digit of it lies in a removed span; a
    kept word counts as kept when none of its characters does."""
    figures = Figures()
    for sentence in sentences(path):
        spans = deidentifier.spans(sentence.text)
        covered = set()
        for span in spans:
            covered.update(range(span.start, span.end))
        for start, end in sentence.details:
            figures.details += 1
            chars = [i for i in range(start, end) if sentence.text[i].isalnum()]
            if all(i in covered for i in chars):
                figures.removed += 1
            else:
                figures.missed.append(f"{sentence.text[start:end]!r} in {sentence.text!r}")
        for start, end in sentence.keep:
            figures.keep += 1
            if not any(i in covered for i in range(start, end)):
                figures.kept += 1
            else:
                figures.lost.append(f"{sentence.text[start:end]!r} in {sentence.text!r}")
    return figures
