package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimReturnTest {

  @Test
  void aReturnedFileNeverTakesANamesakesPlaceAndKeepsItsExtension() {
    record Case(String name, Set<String> taken, String expected) {}
    for (Case c :
        List.of(
            new Case("a.csv", Set.of(), "a.csv"),
            new Case("a.csv", Set.of("a.csv"), "a.returned-1.csv"),
            new Case("a.csv", Set.of("a.csv", "a.returned-1.csv"), "a.returned-2.csv"),
            new Case("a.csv.gz", Set.of("a.csv.gz"), "a.returned-1.csv.gz"),
            new Case("A.CSV.GZ", Set.of("A.CSV.GZ"), "A.returned-1.CSV.GZ"),
            new Case("my file.v2.csv", Set.of("my file.v2.csv"), "my file.v2.returned-1.csv"),
            new Case("noext", Set.of("noext"), "noext.returned-1"))) {
      assertThat(ClaimReturn.freeName(c.name(), c.taken()::contains))
          .as(c.toString())
          .isEqualTo(c.expected());
    }
  }

  @Test
  void aFileDroppedIntoTheInboxItselfGoesBackThereNotIntoAFolderNamedAfterItsClaim(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path work = tmp.resolve("work");
    java.nio.file.Path inbox = java.nio.file.Files.createDirectories(tmp.resolve("inbox"));
    for (String folder :
        List.of(
            io.tideway.contracts.mapping.MappingCatalog.BY_HEADER,
            "healthcare-admissions",
            "retail-orders")) {
      java.nio.file.Path dir =
          java.nio.file.Files.createDirectories(work.resolve("processing").resolve(folder));
      java.nio.file.Files.writeString(dir.resolve(folder + ".csv"), "h\n1\n");
    }

    ClaimReturn.returnClaims(work, inbox);

    assertThat(inbox.resolve(io.tideway.contracts.mapping.MappingCatalog.BY_HEADER + ".csv"))
        .exists();
    assertThat(inbox.resolve("healthcare-admissions.csv")).exists();
    assertThat(inbox.resolve("retail-orders").resolve("retail-orders.csv")).exists();
    assertThat(inbox.resolve(io.tideway.contracts.mapping.MappingCatalog.BY_HEADER)).doesNotExist();
  }
}
