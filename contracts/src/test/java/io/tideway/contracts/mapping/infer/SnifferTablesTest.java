package io.tideway.contracts.mapping.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.NumberText;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the pure sniffers: one row per shape a real export takes. */
class SnifferTablesTest {

  private static final NumberText POINT = new NumberText('.', (char) 0);
  private static final NumberText COMMA = new NumberText(',', '.');

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1;2;-3 | int |",
        "2147483648;1 | long |",
        "99999999999999999999 | string |",
        "007;12 | string |",
        "0;0.5;-1.25 | decimal |",
        "1e5;2.5 | decimal |",
        "true;FALSE | boolean |",
        "yes;No | boolean |",
        "Y;n | boolean |",
        "0;1 | int |",
        "2024-03-01;2024-12-31 | date | yyyy-MM-dd",
        "2024-02-30 | string |",
        "3/1/2024;12/25/2024 | date | M/d/yyyy",
        "25/12/2024;1/3/2024 | date | d/M/yyyy",
        "1/2/2024;3/4/2024 | string |",
        "01.03.2024;31.12.2024 | date | dd.MM.yyyy",
        "1.3.2024 | date | d.M.yyyy",
        "2024-03-01T09:30:00Z;2024-03-01T10:00:00+01:00 | datetime | yyyy-MM-dd'T'HH:mm:ssXXX",
        "2024-03-01T09:30:00.250+0100 | datetime | yyyy-MM-dd'T'HH:mm:ss.SSSXX",
        "2024-03-01 09:30:00 | datetime | yyyy-MM-dd HH:mm:ss",
        "3/15/2024 2:05:00 PM | datetime | M/d/yyyy h:mm:ss a",
        "2024-03-01 09:30 UTC | datetime | yyyy-MM-dd HH:mm 'UTC'",
        "hello;1 | string |",
        "NA;NULL; | string |",
      })
  void typesAColumn(String cells, String type, String format) {
    ColumnSniffer.Guess g = ColumnSniffer.guess(Arrays.asList(cells.split(";", -1)), POINT);
    assertThat(g.type().word()).isEqualTo(type);
    if (format != null) {
      assertThat(g.formats()).first().isEqualTo(format);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"1.234,56;-12,5;0,00 | decimal", "1.234 | int", "12 | int", "1,5,6 | string"})
  void readsDecimalCommas(String cells, String type) {
    assertThat(ColumnSniffer.guess(List.of(cells.split(";")), COMMA).type().word()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'a,b,c\n1,2,3\n4,5,6\n' | , | 1 | 3",
        "'a;b;c\n1,5;2;3,25\n4;5;6\n' | ; | 1 | 3",
        "'a\tb\n1\t\"x,y;z\"\n' | TAB | 1 | 2",
        "'a|b|c\n1|2|3\n' | PIPE | 1 | 3",
        "'Account;DE12 3456\nPeriod;March\n\nDate;Text;Amount\n01.03.2024;Rent;-1.234,56\n02.03.2024;Pay;2.000,00\n' | ; | 3 | 3",
        "'\"a,x\",b\n\"1\n2\",3\n' | , | 1 | 2",
        "'only\n1\n2\n' | , | 1 | 1",
      })
  void findsDelimiterAndHeader(String text, String delimiter, int headerRow, int fields) {
    char d =
        switch (delimiter) {
          case "TAB" -> '\t';
          case "PIPE" -> '|';
          default -> delimiter.charAt(0);
        };
    DialectSniffer.Found f = DialectSniffer.sniff(text, true);
    assertThat(f.delimiter()).isEqualTo(d);
    assertThat(f.headerRow()).isEqualTo(headerRow);
    assertThat(f.fields()).isEqualTo(fields);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "UTF-8, false, UTF-8",
    "UTF-8-BOM, true, UTF-8",
    "UTF-16LE-BOM, true, UTF-16",
    "UTF-16BE-BOM, true, UTF-16",
    "windows-1252, false, windows-1252",
  })
  void findsTheCharset(String written, boolean bom, String sniffed) {
    String text = "Straße;Café;Überweisung €\n";
    byte[] bytes =
        switch (written) {
          case "UTF-8-BOM" ->
              concat(
                  new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, StandardCharsets.UTF_8);
          case "UTF-16LE-BOM" ->
              concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE);
          case "UTF-16BE-BOM" ->
              concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE);
          default -> text.getBytes(Charset.forName(written));
        };
    SniffedText s = SniffedText.of(bytes, true);
    assertThat(s.charset()).isEqualTo(sniffed);
    assertThat(s.bom()).isEqualTo(bom);
    assertThat(s.text()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Order ID | order_id",
        "Unit Price (€) | unit_price",
        "orderDate | order_date",
        "Straße Nr. | strasse_nr",
        "2nd Address | c_2nd_address",
        "%%% | column_1",
      })
  void namesFields(String header, String field) {
    assertThat(FieldNames.snakeCase(List.of(header))).containsExactly(field);
  }

  private static byte[] concat(byte[] bom, String text, Charset cs) {
    byte[] body = text.getBytes(cs);
    byte[] out = Arrays.copyOf(bom, bom.length + body.length);
    System.arraycopy(body, 0, out, bom.length, body.length);
    return out;
  }
}
