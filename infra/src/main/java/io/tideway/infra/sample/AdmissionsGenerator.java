package io.tideway.infra.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic generator of hospital-admission CSVs shaped like the reference export: CRLF, names
 * in random casing, hospital names with commas (quoted), some negative billing amounts, minors, and
 * an exact number of exact-duplicate rows. The project ships no third-party data; this is the
 * sample.
 *
 * <p>Unique rows are unique by construction (the billing amount's last digits encode the row), so
 * {@code rows - duplicates} documents come out of the cleaner, whatever the casing.
 */
public final class AdmissionsGenerator {

  /** The reference header, in the export's column order. */
  public static final List<String> HEADER =
      List.of(
          "Name",
          "Age",
          "Gender",
          "Blood Type",
          "Medical Condition",
          "Date of Admission",
          "Doctor",
          "Hospital",
          "Insurance Provider",
          "Billing Amount",
          "Room Number",
          "Admission Type",
          "Discharge Date",
          "Medication",
          "Test Results");

  private static final String[] FIRST = {
    "Bobby",
    "Leslie",
    "Danny",
    "Andrew",
    "Adrienne",
    "Emily",
    "Edward",
    "Christina",
    "Jasmine",
    "Christopher",
    "Michelle",
    "Aaron",
    "Connor",
    "Robert",
    "Brooke",
    "Natalie",
    "Haley",
    "Jamie",
    "Luke",
    "Kevin",
    "Maria",
    "Sean",
    "Angela",
    "Patrick",
    "Olivia",
    "Ryan",
    "Ashley",
    "Grace",
    "Mary Ann",
    "Jose"
  };
  private static final String[] LAST = {
    "Jackson",
    "Terry",
    "Smith",
    "Watts",
    "Bell",
    "Davis",
    "Kim",
    "Martinez",
    "Johnson",
    "Hernandez",
    "Nguyen",
    "Mcdonald",
    "O'Brien",
    "Lopez",
    "Garcia",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Thomas",
    "Lee",
    "Walker",
    "Hall",
    "Young-Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams"
  };
  private static final String[] SUFFIX = {"", "", "", "", "", "", " Jr.", " II", " MD", " DDS"};
  private static final String[] GENDER = {"Male", "Female"};
  private static final String[] BLOOD = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"};
  private static final String[] CONDITION = {
    "Cancer", "Obesity", "Diabetes", "Asthma", "Hypertension", "Arthritis"
  };
  private static final String[] HOSPITAL = {
    "Sons and Miller",
    "Kim Inc",
    "Cook PLC",
    "Hernandez Rogers and Vang,",
    "White-White",
    "Smith, Edwards and Obrien",
    "Group Middleton",
    "Powell Robinson and Valdez,",
    "Walton LLC",
    "Garcia Ltd",
    "Jones, Brown and Murray",
    "Brown Inc",
    "and Sons Smith",
    "Wallace-Hamilton"
  };
  private static final String[] INSURER = {
    "Blue Cross", "Medicare", "Aetna", "UnitedHealthcare", "Cigna"
  };
  private static final String[] ADMISSION = {"Urgent", "Emergency", "Elective"};
  private static final String[] MEDICATION = {
    "Paracetamol", "Ibuprofen", "Aspirin", "Penicillin", "Lipitor"
  };
  private static final String[] RESULT = {"Normal", "Abnormal", "Inconclusive"};
  private static final LocalDate FIRST_DAY = LocalDate.of(2019, 5, 8);
  private static final int DAYS = 5 * 365;

  private final long rows;
  private final long duplicates;
  private final long seed;

  /** {@code duplicates} of the {@code rows} are exact copies of an earlier row. */
  public AdmissionsGenerator(long rows, long duplicates, long seed) {
    if (rows < 0 || duplicates < 0 || (duplicates > 0 && duplicates >= rows)) {
      throw new IllegalArgumentException(
          "need 0 <= duplicates < rows, got rows=" + rows + " duplicates=" + duplicates);
    }
    this.rows = rows;
    this.duplicates = duplicates;
    this.seed = seed;
  }

  /** Duplicates for a fraction of the rows, rounded to the nearest row. */
  public static long duplicatesFor(long rows, double fraction) {
    return Math.round(rows * fraction);
  }

  public long uniqueRows() {
    return rows - duplicates;
  }

  /** Writes the header and all rows, CRLF-terminated, UTF-8. */
  public void write(OutputStream out) throws IOException {
    Random random = new Random(seed);
    // Recent unique lines a duplicate may copy; bounded so any row count fits in memory.
    List<String> recent = new ArrayList<>();
    int recentCap = 4096;
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write(String.join(",", HEADER));
    w.write("\r\n");
    long uniqueLeft = rows - duplicates;
    long dupLeft = duplicates;
    long unique = 0;
    for (long i = 0; i < rows; i++) {
      // Spread duplicates evenly at random: pick each remaining slot with the remaining ratio.
      boolean dup =
          unique > 0 && dupLeft > 0 && random.nextDouble() * (uniqueLeft + dupLeft) < dupLeft;
      String line;
      if (dup) {
        line = recent.get(random.nextInt(recent.size()));
        dupLeft--;
      } else {
        line = uniqueRow(random, unique++);
        uniqueLeft--;
        if (recent.size() < recentCap) {
          recent.add(line);
        } else {
          recent.set(random.nextInt(recentCap), line);
        }
      }
      w.write(line);
      w.write("\r\n");
    }
    w.flush();
  }

  private static String uniqueRow(Random r, long index) {
    String name = randomCase(r, pick(r, FIRST) + " " + pick(r, LAST));
    int age = r.nextInt(100) < 4 ? 13 + r.nextInt(5) : 18 + r.nextInt(72);
    LocalDate admitted = FIRST_DAY.plusDays(r.nextInt(DAYS));
    LocalDate discharged = admitted.plusDays(1 + r.nextInt(30));
    String doctor = pick(r, FIRST) + " " + pick(r, LAST) + pick(r, SUFFIX);
    // The fractional digits end with the row index: unique rows stay unique after cleaning.
    boolean negative = r.nextInt(1000) < 3;
    String amount =
        (negative ? "-" : "")
            + (1000 + r.nextInt(49000))
            + "."
            + String.format("%02d%010d", r.nextInt(100), scramble(index));
    List<String> f =
        List.of(
            name,
            Integer.toString(age),
            pick(r, GENDER),
            pick(r, BLOOD),
            pick(r, CONDITION),
            admitted.toString(),
            doctor,
            pick(r, HOSPITAL),
            pick(r, INSURER),
            amount,
            Integer.toString(101 + r.nextInt(400)),
            pick(r, ADMISSION),
            discharged.toString(),
            pick(r, MEDICATION),
            pick(r, RESULT));
    StringBuilder sb = new StringBuilder(160);
    for (int i = 0; i < f.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(quote(f.get(i)));
    }
    return sb.toString();
  }

  /** A bijection on [0, 10^10): digits look random, distinct rows keep distinct amounts. */
  private static long scramble(long index) {
    // 1_234_567_891 is odd and not a multiple of 5, hence invertible modulo 10^10.
    return Math.floorMod(index * 1_234_567_891L + 987_654_321L, 10_000_000_000L);
  }

  private static String randomCase(Random r, String s) {
    switch (r.nextInt(4)) {
      case 0:
        return s.toUpperCase();
      case 1:
        return s.toLowerCase();
      default:
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
          sb.append(r.nextInt(3) == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
