package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

  @TempDir
  Path home;

  @Test
  void everyServiceListensOnTheBindHostOnly() throws Exception {
    for (ServiceCatalog s : ServiceCatalog.values()) {
      Path target = Files.createDirectories(home.resolve(s.module()).resolve("target"));
      Files.writeString(target.resolve("classpath.txt"), "deps.jar");
    }
    Layout layout = new Layout(home, home.resolve(".tideway"));
    for (String host : new String[] {"127.0.0.1", "0.0.0.0"}) {
      StackSettings settings = new StackSettings(null, null, 9092, 27017, 8080, host, 3, "tideway.", home.resolve("inbox"));
      Stack stack = new Stack(layout, settings);
      for (ServiceCatalog s : ServiceCatalog.values()) {
        assertThat(stack.serviceSpec(s).env()).as(s.module()).containsEntry("MICRONAUT_SERVER_HOST", host);
      }
    }
  }
}
