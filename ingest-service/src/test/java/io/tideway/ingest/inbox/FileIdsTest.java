package io.tideway.ingest.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdsTest {

  @TempDir Path tmp;

  @Test
  void fingerprintIsSha256AndSizeOfTheBytes() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.csv"), "a,b\n1,2\n");
    FileIds.Fingerprint fp = FileIds.fingerprint(f);
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(fp.sha256()).isEqualTo(expected);
    assertThat(fp.bytes()).isEqualTo(8);
  }

  @Test
  void baseIdIsFirst16HexOfMappingNameAndContentHash() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("m\nf.csv\nabc".getBytes(StandardCharsets.UTF_8)))
            .substring(0, 16);
    assertThat(FileIds.baseId("m", "f.csv", "abc")).isEqualTo(expected).hasSize(16);
  }

  @Test
  void idDependsOnMappingNameAndContent() {
    String id = FileIds.baseId("m", "f.csv", "abc");
    assertThat(FileIds.baseId("m2", "f.csv", "abc")).isNotEqualTo(id);
    assertThat(FileIds.baseId("m", "g.csv", "abc")).isNotEqualTo(id);
    assertThat(FileIds.baseId("m", "f.csv", "abd")).isNotEqualTo(id);
    assertThat(FileIds.baseId("m", "f.csv", "abc")).isEqualTo(id);
  }

  @Test
  void reDropsOfACompletedFileGetNumberedSuffixes() {
    assertThat(FileIds.uniqueId("abc", Set.of()::contains)).isEqualTo("abc");
    assertThat(FileIds.uniqueId("abc", Set.of("abc")::contains)).isEqualTo("abc-2");
    assertThat(FileIds.uniqueId("abc", Set.of("abc", "abc-2")::contains)).isEqualTo("abc-3");
  }
}
