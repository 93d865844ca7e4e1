package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What ingest says about a header a mapping cannot read. */
class HeaderProblemTest {

  private static final Mapping MAPPING =
      MappingLoader.read(
          new ByteArrayInputStream(
              String.join(
                      "\n",
                      "name: m",
                      "target: {database: d, collection: c}",
                      "columns:",
                      "  - {source: Id, target: id, required: true}",
                      "  - {source: Amount, target: amount}",
                      "  - {source: Note, target: note}")
                  .getBytes(StandardCharsets.UTF_8)),
          "m.yaml");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Id,Amount,Note | ",
        "Id | ",
        "Id,Note | ",
        "Amount,Note | header lacks columns that mapping 'm' marks required: [Id]",
        "Id;Amount;Note | the header was read as one column (Id;Amount;Note): the delimiter is probably not ','",
        "X,Y | header has none of the columns of mapping 'm'",
      })
  void namesTheProblemAndTheFix(String header, String problem) {
    List<String> columns =
        header.contains(";") ? List.of(header) : Arrays.asList(header.split(","));
    String got = FileRun.headerProblem(MAPPING, columns, ',');
    if (problem == null) {
      assertThat(got).isNull();
    } else {
      assertThat(got).startsWith(problem);
    }
  }
}
