package io.tideway.infra;

import io.tideway.infra.sample.AdmissionsGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A generated admissions file whose given rows carry an impossible admission date. */
record BadDatesFile(long rows, long seed, Set<Long> broken) {

  /** The value written into each broken row's date column. */
  static final String BAD_DATE = "2024-13-45";

  void write(OutputStream out) throws IOException {
    ByteArrayOutputStream clean = new ByteArrayOutputStream();
    new AdmissionsGenerator(rows, 0, seed).write(clean);
    List<String> lines =
        new ArrayList<>(List.of(clean.toString(StandardCharsets.UTF_8).split("\r\n")));
    for (long row : broken) {
      // The first ISO date of a row is its admission date: no earlier column holds one.
      lines.set(
          (int) row,
          lines.get((int) row).replaceFirst(",\\d{4}-\\d{2}-\\d{2},", "," + BAD_DATE + ","));
    }
    out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
  }
}
