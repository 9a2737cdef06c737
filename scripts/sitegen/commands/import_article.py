"""`sitegen import`: a draft source file from an article: a saved page (HTML or plain text),
or the address of one, which is then fetched. A journal article's page is read by the tags
it has for reference managers (citation_*, Dublin Core, JSON-LD ScholarlyArticle)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.authoring.article import Article, article_from_text, draft_from_article, read_article
from sitegen.authoring.dates import FoundDate
from sitegen.authoring.draft import ScaffoldError, check_kind, write_source
from sitegen.authoring.duplicates import unique_id
from sitegen.authoring.online import Fetch, ask, fetch_url
from sitegen.commands.common import journal_details, report_written
from sitegen.content.layout import Project

_ADDRESS = re.compile(r"https?://[^\s/]+\S*", re.I)
#: What to do when the page cannot be fetched.
SAVE_IT = "save the page from your browser and import the file: sitegen import FILE"


def _summary(article: Article, name: str) -> list[str]:
    def when(found: FoundDate | None) -> str:
        if found is None:
            return "not found"
        return f"{found.value} (shown as {found.shown!r})" + (" ?" if found.doubt else "")

    found = article.scholarly
    if found is not None:
        return [
            f"sitegen: read {name} as {article.format}: a journal article",
            f"  title:      {found.title or article.title or 'not found'}",
            f"  authors:    {', '.join(p.short() for p in found.authors) or 'not found'}",
            f"  journal:    {journal_details(found)}",
            f"  published:  {found.issued or when(article.published)}",
            f"  DOI:        {found.DOI or 'not found'}",
            f"  address:    {article.url or 'not found'}",
        ]
    return [
        f"sitegen: read {name} as {article.format}",
        f"  title:      {article.title or 'not found'}",
        f"  authors:    {'; '.join(article.authors) or 'not found'}",
        f"  site name:  {article.site_name or 'not found'}",
        f"  published:  {when(article.published)}",
        f"  updated:    {when(article.updated)}",
        f"  address:    {article.url or 'not found'}",
    ]


def fetch_article(url: str, fetch: Fetch, today: date) -> Article:
    """The article at `url`, fetched and read as a saved page would be."""
    host = urlsplit(url).hostname or url
    print(f"Fetching {url} ...")
    body = ask(fetch, url, host, "this address", SAVE_IT)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("cp1252", errors="replace")
    article = article_from_text(text, ".html", today)
    article.url = article.url or url
    return article


def run(args: argparse.Namespace, project: Project, today: date) -> int:
    content_dir = project.content_dir
    try:
        kind = check_kind(args.kind) if args.kind is not None else None
        if _ADDRESS.fullmatch(args.file):
            name = args.file
            article = fetch_article(args.file, args.fetch or fetch_url, today)
        else:
            name = Path(args.file).name
            article = read_article(Path(args.file), today)
        draft = draft_from_article(article, name, args.id, kind, today)
        if args.id is None:
            draft.id = unique_id(content_dir, draft.id)
        path = write_source(content_dir, draft)
    except ScaffoldError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    print("\n".join(_summary(article, name)))
    report_written(path, project.root, draft)
    return 0
