package io.tideway.contracts.csv;

import java.util.List;

/**
 * One record as split by {@link CsvReader}.
 *
 * @param line 1-based physical line where the record starts
 * @param fields decoded fields; partial when {@code errorRule} is set
 * @param errorRule set when the record could not be split or decoded faithfully
 * @param errorMessage human text naming the line and the problem, never the content
 */
public record CsvRecord(long line, List<String> fields, String errorRule, String errorMessage) {

  public boolean hasError() {
    return errorRule != null;
  }
}
