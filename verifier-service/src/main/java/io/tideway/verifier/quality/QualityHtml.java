package io.tideway.verifier.quality;

import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.QualityReport.ColumnQuality;
import io.tideway.contracts.quality.QualityReports;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A plain, printable HTML page of a file's merged quality report (every value escaped). */
public final class QualityHtml {

  private QualityHtml() {}

  public static String page(QualityReport r) {
    String name = r.fileName() != null ? r.fileName() : r.fileId();
    StringBuilder h = new StringBuilder(4096);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Data quality: ")
        .append(esc(name))
        .append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px}")
        .append(
            "th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append("</style></head><body>\n")
        .append("<p><a href=\"/\">&larr; Dashboard</a> &middot; <a href=\"/api/files/")
        .append(esc(r.fileId()))
        .append("/quality.md\">Markdown</a> &middot; <a href=\"/api/files/")
        .append(esc(r.fileId()))
        .append("/quality\">JSON</a> &middot; <a href=\"/api/files/")
        .append(esc(r.fileId()))
        .append("/rejects?format=csv\">Rejected rows (CSV)</a></p>\n")
        .append("<h1>Data quality report: ")
        .append(esc(name))
        .append("</h1>\n<table>\n");
    row(h, "File", esc(name) + " <code>" + esc(r.fileId()) + "</code>");
    row(h, "Mapping", esc(r.mapping() == null ? "-" : r.mapping()));
    row(h, "Rows read", QualityReports.number(r.rows()));
    row(h, "Loaded", share(r.cleaned(), r.rows()));
    row(h, "Duplicates", share(r.duplicates(), r.rows()));
    row(h, "Rejected", share(r.rejected(), r.rows()));
    if (r.updatedAt() != null) {
      row(h, "Counted at", esc(r.updatedAt().toString()));
    }
    h.append("</table>\n<h2>Rules</h2>\n");
    Map<String, Long> rejects =
        new TreeMap<>(r.rejectsByRule() == null ? Map.of() : r.rejectsByRule());
    Map<String, Long> warnings =
        new TreeMap<>(r.warningsByRule() == null ? Map.of() : r.warningsByRule());
    if (rejects.isEmpty() && warnings.isEmpty()) {
      h.append("<p>No row broke a rule.</p>\n");
    } else {
      h.append("<table><tr><th>Rule</th><th>Severity</th><th>Rows</th><th>% of rows</th></tr>\n");
      rejects.forEach((code, n) -> rule(h, code, "reject", n, r.rows()));
      warnings.forEach((code, n) -> rule(h, code, "warn", n, r.rows()));
      h.append("</table>\n");
    }
    h.append("<h2>Columns</h2>\n");
    List<ColumnQuality> columns = r.columns() == null ? List.of() : r.columns();
    if (columns.isEmpty()) {
      h.append("<p>No column was checked.</p>\n");
    } else {
      h.append(
              "<table><tr><th>Column</th><th>Target</th><th>Type</th><th>Conforming</th><th>Missing</th>")
          .append("<th>Invalid</th><th>% conformance</th></tr>\n");
      for (ColumnQuality c : columns) {
        long checked = c.conforming() + c.missing() + c.invalid();
        h.append("<tr><td>")
            .append(esc(c.column()))
            .append("</td><td><code>")
            .append(esc(c.target()))
            .append("</code></td><td>")
            .append(esc(c.type()))
            .append("</td>")
            .append(num(c.conforming()))
            .append(num(c.missing()))
            .append(num(c.invalid()))
            .append("<td class=\"n\">")
            .append(QualityReports.percent(c.conforming(), checked))
            .append("</td></tr>\n");
      }
      h.append(
          "</table>\n<p>Missing: empty or absent cell. Invalid: breaks the column's type, allowed values or a "
              + "reject rule.</p>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder h, String label, String valueHtml) {
    h.append("<tr><th>").append(label).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static void rule(StringBuilder h, String code, String severity, long n, long rows) {
    h.append("<tr><td><code>")
        .append(esc(code))
        .append("</code></td><td>")
        .append(severity)
        .append("</td>")
        .append(num(n))
        .append("<td class=\"n\">")
        .append(QualityReports.percent(n, rows))
        .append("</td></tr>\n");
  }

  private static String num(long n) {
    return "<td class=\"n\">" + QualityReports.number(n) + "</td>";
  }

  private static String share(long n, long rows) {
    return QualityReports.number(n) + " (" + QualityReports.percent(n, rows) + ")";
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
