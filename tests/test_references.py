from sitegen.content.origin import validate
from sitegen.content.schema import Source
from sitegen.render.references import full_reference, short_name


def _source(**fields: object) -> Source:
    base: dict[str, object] = {
        "id": "x",
        "kind": "randomized trial",
        "title": "A title",
        "author": "no author named",
        "issued": "2001",
        "accessed": "2026-11-22",
        "note": "n",
        "conflicts": "None known.",
    }
    return validate(Source, {**base, **fields})


def test_journal_article_in_vancouver_style() -> None:
    source = _source(
        type="article-journal",
        author=[{"family": "Foster", "given": "Lisa"}, {"family": "Clapp", "given": "L"}],
        **{"container-title": "Neurology"},
        volume="56",
        issue="10",
        page="1290-1293",
        DOI="10.1212/WNL.56.10.1290",
        PMID="11376175",
    )
    assert full_reference(source, external=False) == (
        "Foster L, Clapp L. A title. *Neurology*. 2001;56(10):1290-1293."
        " doi:[10.1212/WNL.56.10.1290](https://doi.org/10.1212/WNL.56.10.1290)."
        " PMID: [11376175](https://pubmed.ncbi.nlm.nih.gov/11376175/)."
    )
    assert short_name(source) == "Foster et al. (2001)"


def test_more_than_six_authors_become_et_al() -> None:
    people = [{"family": f"Name{i}", "given": "A"} for i in range(7)]
    assert full_reference(_source(author=people)).startswith("Name0 A, Name1 A, Name2 A, et al.")


def test_web_page_without_author_or_date() -> None:
    source = _source(
        kind="public health information",
        issued="no date shown",
        updated="2016-03-22",
        URL="https://www.example.org/page",
        **{"container-title": "Example Health"},
    )
    assert full_reference(source, external=False) == (
        "A title. *Example Health*. No publication date shown. Updated 22 March 2016."
        " Online at [example.org](https://www.example.org/page)."
    )


def test_unlisted_co_authors_show_as_et_al() -> None:
    source = _source(author=[{"family": "Foster", "given": "L"}], more_authors=True)
    assert full_reference(source).startswith("Foster L, et al. A title.")
    assert short_name(source) == "Foster et al. (2001)"


def test_a_reference_is_one_line_whatever_its_fields_hold() -> None:
    """A reference lands in a footnote and in a list item: a line break in a field would
    end it there, and what follows (a fence, a heading) would be read as Markdown."""
    source = _source(
        title="Line one\n\n~~~\n# Not a heading",
        type="article-journal",
        **{"container-title": "A\njournal"},
        publisher="A\n\npublisher",
    )
    reference = full_reference(source, external=False)
    assert "\n" not in reference
    assert reference.startswith("Line one ~~~ # Not a heading. *A journal*.")
