package io.tideway.contracts.mapping.infer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Document field names and mapping names from header and file names. */
public final class FieldNames {

  private FieldNames() {}

  /**
   * {@code Order ID} -> {@code order_id}, {@code Unit Price (€)} -> {@code unit_price}, {@code
   * orderDate} -> {@code order_date}; accents dropped, a leading digit prefixed, never empty,
   * unique within the list.
   */
  public static List<String> snakeCase(List<String> header) {
    List<String> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String base = snake(header.get(i));
      if (base.isEmpty()) {
        base = "column_" + (i + 1);
      }
      String name = base;
      for (int n = 2; !taken.add(name); n++) {
        name = base + "_" + n;
      }
      out.add(name);
    }
    return out;
  }

  static String snake(String s) {
    String ascii =
        Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace("ß", "ss");
    // camelCase boundaries become underscores before lower-casing
    ascii = ascii.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    String out = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    out = out.replaceAll("^_+|_+$", "");
    if (!out.isEmpty() && Character.isDigit(out.charAt(0))) {
      out = "c_" + out;
    }
    return out;
  }

  /** A mapping name from a file name: {@code Orders 2024-03.csv.gz} -> {@code orders-2024-03}. */
  public static String mappingName(String fileName) {
    String stem = fileName;
    for (String ext : List.of(".gz", ".csv", ".tsv", ".txt")) {
      if (stem.toLowerCase(Locale.ROOT).endsWith(ext)) {
        stem = stem.substring(0, stem.length() - ext.length());
      }
    }
    String name = snake(stem).replace('_', '-');
    return name.isEmpty() ? "csv" : name;
  }
}
