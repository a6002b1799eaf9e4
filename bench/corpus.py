"""Make an N-article copy of the sample site: every sample article (with its translations)
repeated under new slugs until N source articles exist. Used by the build-time figures."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(dest: Path, articles: int) -> int:
    """Write content/ with `articles` default-language articles; returns files written."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "content", dest, ignore=shutil.ignore_patterns("articles"))
    sources = sorted((ROOT / "content/articles").rglob("*.md"))
    groups: dict[str, list[Path]] = {}
    for path in sources:
        groups.setdefault(path.name.split(".")[0], []).append(path)
    names = sorted(groups)
    written = 0
    for i in range(articles):
        slug = names[i % len(names)]
        for path in groups[slug]:
            text = path.read_text(encoding="utf-8")
            new_slug = f"{slug}-{i:05d}"
            text = re.sub(r"^Slug: .*$", f"Slug: {new_slug}", text, flags=re.M)
            if "\nSlug:" not in text and not text.startswith("Slug:"):
                text = text.replace("\n\n", f"\nSlug: {new_slug}\n\n", 1)
            out = dest / "articles" / f"{i // 100:03d}" / path.name.replace(slug, new_slug, 1)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            written += 1
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", "--articles", type=int, default=1000)
    args = parser.parse_args()
    print(f"{make_corpus(args.dest, args.articles)} files written to {args.dest}")
