package io.tideway.contracts.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingDiffTest {

  private static final String HEAD =
      "name: m\ntarget: {database: tideway, collection: m}\ncolumns:\n";

  private static Mapping mapping(String columns) {
    return MappingLoader.read(HEAD + "  " + columns.replace("|", "\n  "), "test.yaml");
  }

  /** Columns before, columns after ('|' = new line) → the one change expected (empty: none). */
  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "- {source: A, target: a};- {source: A, target: a};''",
        "- {source: A, target: a};- {source: A, target: a}|- {source: B, target: b, type: int};"
            + "field added: b (int, from B)",
        "- {source: A, target: a}|- {source: B, target: b};- {source: A, target: a};"
            + "field removed: b (from B)",
        "- {source: A, target: a};- {source: A, target: when};field renamed: a -> when (from A)",
        "- {source: A, target: a};- {source: A, target: a, type: date};"
            + "type changed: a string -> date",
        "- {source: A, target: a, type: int};"
            + "- {source: A, target: a, type: int, rules: [{rule: min, value: '0', severity: reject}]};"
            + "rules changed: a [] -> [min 0]",
        "- {source: A, target: a};- {source: A, target: a, transforms: [trim]};"
            + "transforms changed: a [] -> [trim]",
        "- {source: A, target: a};- {source: A, target: a, required: true};"
            + "required changed: a false -> true",
      })
  void namesEachKindOfChange(String before, String after, String expected) {
    var changes = MappingDiff.changes(mapping(before), mapping(after));
    if (expected.isEmpty()) {
      assertThat(changes).isEmpty();
    } else {
      assertThat(changes).contains(expected);
    }
  }
}
