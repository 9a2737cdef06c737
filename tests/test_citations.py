from sitegen.citations import find_citations, replace_citations


def test_single_and_grouped_citations_with_positions() -> None:
    found, malformed = find_citations("One [@foster-2001].\nTwo [@waseem-2011; @langevin-2011].", 5)
    assert not malformed
    assert [(c.key, c.line, c.column) for c in found] == [
        ("foster-2001", 5, 5),
        ("waseem-2011", 6, 5),
        ("langevin-2011", 6, 5),
    ]


def test_citations_in_code_are_text() -> None:
    text = "Use `[@foster-2001]` to cite.\n\n```\n[@waseem-2011]\n```\n"
    assert find_citations(text) == ([], [])
    assert replace_citations(text, lambda keys: "X") == text


def test_malformed_citations_are_reported() -> None:
    _, malformed = find_citations("A [@ foster]. B [@]. C [@Foster 2001].")
    reasons = [m.reason for m in malformed]
    assert len(malformed) == 3
    assert "space after @" in reasons[0]
    assert "empty citation" in reasons[1]
    assert "lowercase letters" in reasons[2]


def test_replacement_removes_the_gap_before_the_citation() -> None:
    text = "Works [@a].\nLess sure\n[@b; @c].\n\n## Heading\n[@d] starts a line."
    result = replace_citations(text, lambda keys: "".join(f"[^{k}]" for k in keys))
    assert result == ("Works[^a].\nLess sure[^b][^c].\n\n## Heading\n[^d] starts a line.")
