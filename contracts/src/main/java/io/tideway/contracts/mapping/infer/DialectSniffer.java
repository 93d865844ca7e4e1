package io.tideway.contracts.mapping.infer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the delimiter (comma, semicolon, tab or pipe) and the header record of sample text: the
 * candidate that splits the most records into the same number (two or more) of fields wins (on a
 * tie, the one giving more fields); the header is the first record with that many fields, so a
 * preamble (title, account number) above it is skipped.
 */
public final class DialectSniffer {

  /** The candidates, in order of preference when two split equally well. */
  static final char[] DELIMITERS = {',', ';', '\t', '|'};

  private static final int RECORDS = 200;

  private DialectSniffer() {}

  /**
   * What was found.
   *
   * @param headerRow 1-based record number of the header
   * @param fields the number of fields of the header and most records
   */
  public record Found(char delimiter, char quote, int headerRow, int fields) {}

  /** Sniffs {@code text}; {@code complete} when it is the whole file. */
  public static Found sniff(String text, boolean complete) {
    Found best = null;
    double bestScore = -1;
    for (char d : DELIMITERS) {
      List<List<String>> records = SampleRecords.split(text, d, '"', RECORDS, complete);
      if (records.isEmpty()) {
        continue;
      }
      Map<Integer, Integer> counts = new HashMap<>();
      for (List<String> r : records) {
        counts.merge(r.size(), 1, Integer::sum);
      }
      int modal = 1;
      int modalCount = 0;
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        if (e.getKey() > 1
            && (e.getValue() > modalCount || e.getValue() == modalCount && e.getKey() > modal)) {
          modal = e.getKey();
          modalCount = e.getValue();
        }
      }
      if (modal < 2) {
        continue;
      }
      int header = 1;
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).size() == modal) {
          header = i + 1;
          break;
        }
      }
      // Over all records, preamble included: a delimiter that the header does not contain (the
      // comma of a ;-file with decimal commas) loses to the one that splits the header too.
      double score = (double) modalCount / records.size();
      if (score > bestScore + 1e-9
          || Math.abs(score - bestScore) <= 1e-9 && best != null && modal > best.fields()) {
        bestScore = score;
        best = new Found(d, '"', header, modal);
      }
    }
    // One column (or an empty file): nothing splits; a comma-separated single column is the same.
    return best == null ? new Found(',', '"', 1, 1) : best;
  }
}
