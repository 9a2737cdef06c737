"""The pages that list the whole site (sources, glossary, changes, about): made first,
and written without runs of blank lines, so that the page around a list of megabytes is
not copied again to take them out."""

from __future__ import annotations

from conftest import ROOT, checked_content
from sitegen.render import SiteIndex, iter_site
from sitegen.render.lists import GENERATED_LISTS


def test_each_list_ends_with_one_line_break_and_has_no_blank_line_runs() -> None:
    content = checked_content(ROOT)
    index = SiteIndex.of(content)
    for page, text in iter_site(content, index):
        assert "\n\n\n" not in text, page.name
        make_list = GENERATED_LISTS.get(page.name)
        if make_list is None:
            continue
        listed = make_list(content, index.inline)
        assert listed.count("\n") > 5, page.name
        assert listed.endswith("\n") and not listed.endswith("\n\n"), page.name
        assert "\n\n\n" not in listed, page.name
        # The list is in its page as it was made, after a blank line.
        assert f"\n\n{listed}" in text, page.name


def test_the_lists_are_made_first_and_then_every_other_page_in_menu_order() -> None:
    content = checked_content(ROOT)
    made = [page.name for page, _ in iter_site(content)]
    lists = [page.name for page in content.pages if page.name in GENERATED_LISTS]
    others = [page.name for page in content.pages if page.name not in GENERATED_LISTS]
    assert len(lists) == len(GENERATED_LISTS) and others
    assert made == lists + others
