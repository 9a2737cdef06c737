import pytest

from sitegen.content.yamlfile import YamlError, parse_yaml


def test_values_keep_their_lines() -> None:
    doc = parse_yaml("title: A\nkey_points:\n  - one\n  - two\n", first_line=2)
    assert doc.data == {"title": "A", "key_points": ["one", "two"]}
    assert doc.lines.lines[("title",)] == 2
    assert doc.lines.lines[("key_points", 1)] == 5
    assert doc.lines.line_of(("key_points", 1, "missing")) == 5


def test_dates_stay_as_written() -> None:
    assert parse_yaml("last_reviewed: 2026-11-22\n").data == {"last_reviewed": "2026-11-22"}


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: A\ndescription: B\ntitle: C\n")
    assert caught.value.line == 3
    assert "duplicate key 'title' (first given on line 1)" in caught.value.message


def test_unclosed_bracket_has_line_and_column() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: A\nkey_points: [one, two\ndescription: B\n", first_line=2)
    assert caught.value.message.startswith("this YAML cannot be read here")
    assert caught.value.line >= 3


def test_tab_indentation_is_explained() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("author:\n\t- family: Foster\n")
    assert "tabs" in caught.value.message
    assert caught.value.line == 2


def test_nesting_the_depth_check_misses_is_still_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backstop: a file nested past Python's own limit is the nesting error, not a crash."""
    from sitegen.content import yamlfile

    monkeypatch.setattr(yamlfile, "_check_depth", lambda text, first_line: None)
    with pytest.raises(YamlError) as caught:
        parse_yaml("title: A\nnested:\n" + "- " * 2000 + "x\n", first_line=3)
    assert "nested more than 40 levels deep" in caught.value.message
    assert caught.value.line == 3
