package io.tideway.contracts.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  static final String HEADER =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,Hospital,"
          + "Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results";

  @TempDir Path tmp;

  static List<CsvRecord> readAll(byte[] bytes, CsvFormat format) throws IOException {
    try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), format)) {
      List<CsvRecord> out = new ArrayList<>();
      for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
        out.add(rec);
      }
      return out;
    }
  }

  static List<CsvRecord> readAll(String text) throws IOException {
    return readAll(text.getBytes(StandardCharsets.UTF_8), CsvFormat.RFC4180);
  }

  @Test
  void splitsTheReferenceHeaderIntoFifteenColumns() throws IOException {
    List<CsvRecord> recs = readAll(HEADER + "\r\n");
    assertThat(recs).hasSize(1);
    assertThat(recs.get(0).fields()).hasSize(15).startsWith("Name", "Age").endsWith("Test Results");
  }

  @Test
  void quotedFieldsKeepCommasAndDoubledQuotes() throws IOException {
    List<CsvRecord> recs = readAll("a,b,c\n\"Smith, John\",\"say \"\"hi\"\"\",\"\"\n");
    assertThat(recs.get(1).fields()).containsExactly("Smith, John", "say \"hi\"", "");
    assertThat(recs.get(1).hasError()).isFalse();
  }

  @Test
  void lineBreaksInsideQuotesStayInTheFieldAndCountAsLines() throws IOException {
    List<CsvRecord> recs = readAll("a,b\r\n\"line1\r\nline2\",x\r\n\"one\ntwo\",y\r\nlast,z\r\n");
    assertThat(recs).hasSize(4);
    assertThat(recs.get(1).fields()).containsExactly("line1\r\nline2", "x");
    assertThat(recs.get(1).line()).isEqualTo(2);
    assertThat(recs.get(2).fields()).containsExactly("one\ntwo", "y");
    assertThat(recs.get(2).line()).isEqualTo(4);
    assertThat(recs.get(3).line()).isEqualTo(6);
  }

  @Test
  void crlfLfAndMissingFinalNewlineAllEndRecords() throws IOException {
    List<CsvRecord> recs = readAll("a,b\r\n1,2\n3,4\r\n5,6");
    assertThat(recs)
        .extracting(CsvRecord::fields)
        .containsExactly(
            List.of("a", "b"), List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
    assertThat(recs).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void emptyTrailingFieldIsKept() throws IOException {
    assertThat(readAll("a,b,\n").get(0).fields()).containsExactly("a", "b", "");
  }

  @Test
  void blankLinesAreSkippedButCountAsPhysicalLines() throws IOException {
    List<CsvRecord> recs = readAll("a,b\r\n\r\n1,2\n\n\n3,4\n\n");
    assertThat(recs).hasSize(3);
    assertThat(recs.get(1).line()).isEqualTo(3);
    assertThat(recs.get(2).line()).isEqualTo(6);
  }

  @Test
  void utf8BomIsDroppedFromTheFirstHeader() throws IOException {
    byte[] body = "Name,Age\nJosé,40\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    List<CsvRecord> recs = readAll(withBom, CsvFormat.RFC4180);
    assertThat(recs.get(0).fields()).containsExactly("Name", "Age");
    assertThat(recs.get(1).fields()).containsExactly("José", "40");
  }

  @Test
  void undecodableBytesGiveAnErrorNamingLineAndField() throws IOException {
    byte[] bytes = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    CsvRecord bad = readAll(bytes, CsvFormat.RFC4180).get(1);
    assertThat(bad.errorRule()).isEqualTo(CsvReader.RULE_UNDECODABLE);
    assertThat(bad.errorMessage()).contains("line 2").contains("field 2").contains("UTF-8");
    assertThat(bad.fields()).hasSize(2);
  }

  @Test
  void configurableDelimiterQuoteAndCharset() throws IOException {
    CsvFormat semi = CsvFormat.of(';', '\'', Charset.forName("ISO-8859-1"), 1024);
    byte[] bytes = "a;b\n'x;y';caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    List<CsvRecord> recs = readAll(bytes, semi);
    assertThat(recs.get(1).fields()).containsExactly("x;y", "café");
    assertThat(recs.get(1).hasError()).isFalse();
  }

  @Test
  void recordOverTheSizeLimitBecomesAnErrorAndReadingContinues() throws IOException {
    CsvFormat small = CsvFormat.of(',', '"', StandardCharsets.UTF_8, 64);
    String longField = "x".repeat(500);
    List<CsvRecord> recs =
        readAll(("a,b\n1,\"" + longField + "\"\n2,3\n").getBytes(StandardCharsets.UTF_8), small);
    assertThat(recs).hasSize(3);
    assertThat(recs.get(1).errorRule()).isEqualTo(CsvReader.RULE_TOO_LONG);
    assertThat(recs.get(1).errorMessage()).contains("line 2").contains("64 bytes");
    assertThat(recs.get(2).fields()).containsExactly("2", "3");
    assertThat(recs.get(2).line()).isEqualTo(3);
  }

  @Test
  void unterminatedQuoteIsReportedWithItsStartLine() throws IOException {
    List<CsvRecord> recs = readAll("a,b\n1,\"open\n2,3\n");
    assertThat(recs).hasSize(2);
    assertThat(recs.get(1).errorRule()).isEqualTo(CsvReader.RULE_UNTERMINATED);
    assertThat(recs.get(1).errorMessage()).contains("line 2");
  }

  @Test
  void characterAfterClosingQuoteIsMalformed() throws IOException {
    CsvRecord rec = readAll("a,b\n\"x\"y,2\n").get(1);
    assertThat(rec.errorRule()).isEqualTo(CsvReader.RULE_MALFORMED_QUOTE);
    assertThat(rec.fields()).containsExactly("xy", "2");
  }

  @Test
  void gzippedFileReadsTheSameAsPlain() throws IOException {
    Path gz = tmp.resolve("f.csv.gz");
    try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("a,b\r\n\"1,5\",2\r\n".getBytes(StandardCharsets.UTF_8));
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
        CsvReader r = new CsvReader(in, CsvFormat.RFC4180)) {
      r.next();
      assertThat(r.next().fields()).containsExactly("1,5", "2");
      assertThat(r.next()).isNull();
    }
  }

  @Test
  void offsetAndLinesAfterARecordResumeExactlyAtTheNextOne() throws IOException {
    byte[] bytes = "h1,h2\r\n\"a\r\nb\",1\r\n\r\nc,2\r\nd,3\r\n".getBytes(StandardCharsets.UTF_8);
    long offset;
    long lines;
    try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), CsvFormat.RFC4180)) {
      r.next();
      r.next();
      offset = r.offset();
      lines = r.lines();
    }
    try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), CsvFormat.RFC4180)) {
      r.next();
      r.resumeAt(offset, lines);
      CsvRecord c = r.next();
      assertThat(c.fields()).containsExactly("c", "2");
      assertThat(c.line()).isEqualTo(5);
      assertThat(r.next().fields()).containsExactly("d", "3");
      assertThat(r.next()).isNull();
      assertThat(r.offset()).isEqualTo(bytes.length);
    }
  }

  @Test
  void readsABigFileWithoutHoldingIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= 20_000; i++) {
      out.write(
          ("n"
                  + i
                  + ",30,Male,A+,\"Flu, mild\",2024-01-01,Dr,H,I,1.5,101,Urgent,2024-01-02,M,Normal\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    List<CsvRecord> recs = readAll(out.toByteArray(), CsvFormat.RFC4180);
    assertThat(recs).hasSize(20_001);
    assertThat(recs.get(20_000).fields()).hasSize(15).startsWith("n20000").contains("Flu, mild");
  }
}
