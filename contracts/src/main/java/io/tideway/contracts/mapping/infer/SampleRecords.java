package io.tideway.contracts.mapping.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits sample text into records the way RFC 4180 does (quoted fields may hold the delimiter,
 * doubled quotes and line breaks); blank lines are not records.
 */
final class SampleRecords {

  private SampleRecords() {}

  /**
   * At most {@code max} records; when {@code complete} is false the last record, which the sample
   * may have cut, is dropped.
   */
  static List<List<String>> split(
      String text, char delimiter, char quote, int max, boolean complete) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int i = 0;
    int n = text.length();
    while (i < n && records.size() < max) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == quote) {
          if (i + 1 < n && text.charAt(i + 1) == quote) {
            field.append(quote);
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == quote && field.length() == 0) {
        quoted = true;
        any = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\r' || c == '\n') {
        if (any || field.length() > 0) {
          fields.add(field.toString());
          records.add(fields);
        }
        fields = new ArrayList<>();
        field.setLength(0);
        any = false;
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        field.append(c);
        any = true;
      }
      i++;
    }
    if (records.size() < max && complete && !quoted && (any || field.length() > 0)) {
      fields.add(field.toString());
      records.add(fields);
    }
    return records;
  }
}
