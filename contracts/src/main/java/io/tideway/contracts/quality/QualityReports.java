package io.tideway.contracts.quality;

import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Merges the per-partition {@link QualityReport}s of a file and renders the result for people. */
public final class QualityReports {

  /** The partition of a merged report: it covers every partition. */
  public static final int ALL_PARTITIONS = -1;

  private QualityReports() {}

  /**
   * The file's report: the sum over partitions (pass the latest record per partition). Columns are
   * matched by source column name, in the order they first appear. Returns null for no reports.
   */
  public static QualityReport merge(Collection<QualityReport> reports) {
    String fileId = null;
    String fileName = null;
    String mapping = null;
    long rows = 0;
    long cleaned = 0;
    long duplicates = 0;
    long rejected = 0;
    Map<String, Long> rejects = new TreeMap<>();
    Map<String, Long> warnings = new TreeMap<>();
    Map<String, ColumnQuality> columns = new LinkedHashMap<>();
    Instant updatedAt = null;
    int count = 0;
    for (QualityReport r : reports) {
      if (r == null) {
        continue;
      }
      count++;
      fileId = fileId == null ? r.fileId() : fileId;
      fileName = fileName == null ? r.fileName() : fileName;
      mapping = mapping == null ? r.mapping() : mapping;
      rows += r.rows();
      cleaned += r.cleaned();
      duplicates += r.duplicates();
      rejected += r.rejected();
      if (r.rejectsByRule() != null) {
        r.rejectsByRule().forEach((k, v) -> rejects.merge(k, v, Long::sum));
      }
      if (r.warningsByRule() != null) {
        r.warningsByRule().forEach((k, v) -> warnings.merge(k, v, Long::sum));
      }
      if (r.columns() != null) {
        for (ColumnQuality c : r.columns()) {
          columns.merge(
              c.column(),
              c,
              (a, b) ->
                  new ColumnQuality(
                      a.column(),
                      a.target(),
                      a.type(),
                      a.conforming() + b.conforming(),
                      a.missing() + b.missing(),
                      a.invalid() + b.invalid()));
        }
      }
      if (r.updatedAt() != null && (updatedAt == null || r.updatedAt().isAfter(updatedAt))) {
        updatedAt = r.updatedAt();
      }
    }
    if (count == 0) {
      return null;
    }
    return new QualityReport(
        QualityReport.SCHEMA,
        fileId,
        fileName,
        mapping,
        ALL_PARTITIONS,
        rows,
        cleaned,
        duplicates,
        rejected,
        rejects,
        warnings,
        new ArrayList<>(columns.values()),
        updatedAt);
  }

  /**
   * A Markdown report a data engineer can hand to a client: header with the file's numbers, the
   * rules that were broken, and the quality of each column.
   */
  public static String markdown(QualityReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Data quality report: ").append(cell(nameOf(r))).append("\n\n");
    md.append("| | |\n| --- | --- |\n");
    md.append("| File | ").append(cell(nameOf(r)));
    if (r.fileId() != null) {
      md.append(" (`").append(cell(r.fileId())).append("`)");
    }
    md.append(" |\n");
    md.append("| Mapping | ").append(cell(r.mapping() == null ? "-" : r.mapping())).append(" |\n");
    md.append("| Rows read | ").append(number(r.rows())).append(" |\n");
    md.append("| Loaded | ").append(numberAndShare(r.cleaned(), r.rows())).append(" |\n");
    md.append("| Duplicates | ").append(numberAndShare(r.duplicates(), r.rows())).append(" |\n");
    md.append("| Rejected | ").append(numberAndShare(r.rejected(), r.rows())).append(" |\n");
    if (r.updatedAt() != null) {
      md.append("| Counted at | ").append(r.updatedAt()).append(" |\n");
    }

    md.append("\n## Rules\n\n");
    List<String[]> rules = new ArrayList<>();
    orEmpty(r.rejectsByRule())
        .forEach(
            (code, n) -> rules.add(new String[] {code, "reject", number(n), percent(n, r.rows())}));
    orEmpty(r.warningsByRule())
        .forEach(
            (code, n) -> rules.add(new String[] {code, "warn", number(n), percent(n, r.rows())}));
    if (rules.isEmpty()) {
      md.append("No row broke a rule.\n");
    } else {
      md.append("| Rule | Severity | Rows | % of rows |\n| --- | --- | ---: | ---: |\n");
      for (String[] row : rules) {
        md.append("| ")
            .append(cell(row[0]))
            .append(" | ")
            .append(row[1])
            .append(" | ")
            .append(row[2])
            .append(" | ")
            .append(row[3])
            .append(" |\n");
      }
      md.append(
          "\nRejected rows are not loaded (a row breaking two rules counts under both); "
              + "flagged rows are loaded with the code in `_quality`.\n");
    }

    md.append("\n## Columns\n\n");
    List<ColumnQuality> columns = r.columns() == null ? List.of() : r.columns();
    if (columns.isEmpty()) {
      md.append("No column was checked.\n");
    } else {
      md.append("| Column | Target | Type | Conforming | Missing | Invalid | % conformance |\n");
      md.append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
      for (ColumnQuality c : columns) {
        long checked = c.conforming() + c.missing() + c.invalid();
        md.append("| ")
            .append(cell(c.column()))
            .append(" | `")
            .append(cell(c.target()))
            .append("` | ")
            .append(cell(c.type()))
            .append(" | ")
            .append(number(c.conforming()))
            .append(" | ")
            .append(number(c.missing()))
            .append(" | ")
            .append(number(c.invalid()))
            .append(" | ")
            .append(percent(c.conforming(), checked))
            .append(" |\n");
      }
      md.append(
          "\nMissing: the cell was empty or absent. Invalid: the value broke the column's type, "
              + "its allowed values or a reject rule. Rows the reader could not split into fields are not "
              + "counted per column.\n");
    }
    return md.toString();
  }

  /**
   * The share {@code part / whole} as a percentage with two decimals ("0.00 %" when whole is 0).
   */
  public static String percent(long part, long whole) {
    double p = whole == 0 ? 0.0 : 100.0 * part / whole;
    return String.format(Locale.ROOT, "%.2f %%", p);
  }

  /** A count with thousands separators. */
  public static String number(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  private static String numberAndShare(long n, long rows) {
    return number(n) + " (" + percent(n, rows) + ")";
  }

  private static String nameOf(QualityReport r) {
    return r.fileName() != null ? r.fileName() : r.fileId() == null ? "-" : r.fileId();
  }

  private static Map<String, Long> orEmpty(Map<String, Long> m) {
    return m == null ? Map.of() : new TreeMap<>(m);
  }

  /** Escapes what would break a Markdown table cell. */
  private static String cell(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("`", "'")
        .replace("\r", " ")
        .replace("\n", " ");
  }
}
