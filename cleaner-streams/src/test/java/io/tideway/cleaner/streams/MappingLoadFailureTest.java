package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tideway.cleaner.CleanerSettings;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unusable mapping stops the service at start, naming the file and line (or the column). */
class MappingLoadFailureTest {

  @TempDir Path dir;

  @Test
  void badValueNamesFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        name: bad
        target: {database: t, collection: c}
        columns:
          - {source: a, target: a, transforms: [trim, titlecase]}
        """);

    assertThatThrownBy(() -> MappingCatalog.load(dir))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("bad.yaml:4");
  }

  @Test
  void misspeltKeyNamesFileAndKey() throws Exception {
    // NOTE: contracts' MappingLoader reports the END of the top-level object as the line for an
    // unknown top-level key (Jackson buffers record creator properties); reported to the lead.
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        name: bad
        target: {database: t, collection: c}
        colums:
          - {source: a, target: a}
        """);

    assertThatThrownBy(() -> MappingCatalog.load(dir))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("bad.yaml:")
        .hasMessageContaining("'colums'");
  }

  @Test
  void theServiceDoesNotStartWithAnInvalidMapping() throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        name: bad
        target: {database: t, collection: c}
        columns:
          - {source: a, target: a, type: integr}
        """);

    Throwable failure = null;
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "micronaut.server.port",
                -1,
                "kafka.bootstrap.servers",
                "localhost:1",
                "tideway.mappings-dir",
                dir.toString(),
                "tideway.cleaner.state-dir",
                dir.resolve("state").toString()))) {
      ctx.getBean(MappingCatalog.class);
    } catch (RuntimeException e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    assertThat(rootMessage(failure)).contains("bad.yaml:4");
  }

  @Test
  void ruleThatCannotApplyFailsWhenTheTopologyIsBuilt() throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        name: bad
        target: {database: t, collection: c}
        columns:
          - {source: a, target: a, type: date, rules: [{rule: max, value: "tomorrow", severity: warn}]}
        """);

    assertThatThrownBy(
            () ->
                CleanerTopology.build(
                    new StreamsBuilder(), new CleanerSettings(), MappingCatalog.load(dir)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("mapping 'bad' column 'a'");
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }
}
