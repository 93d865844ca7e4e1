package io.tideway.cleaner.support;

import io.tideway.contracts.payload.RowEnvelope;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Builds healthcare-admissions rows in code (the CSV generator belongs to infra). */
public final class Rows {

  public static final Instant INGESTED_AT = Instant.parse("2026-11-25T10:00:00Z");

  private Rows() {}

  /** A valid row; {@code edit} changes cells (put null to remove a column). */
  public static RowEnvelope admission(String fileId, long row, Consumer<Map<String, String>> edit) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("Name", "bobby JacksOn");
    v.put("Age", "30");
    v.put("Gender", "Male");
    v.put("Blood Type", "B-");
    v.put("Medical Condition", "Cancer");
    v.put("Date of Admission", "2024-01-31");
    v.put("Doctor", "Matthew Smith");
    v.put("Hospital", "Sons and Miller");
    v.put("Insurance Provider", "Blue Cross");
    v.put("Billing Amount", "18856.281305978155");
    v.put("Room Number", "328");
    v.put("Admission Type", "Urgent");
    v.put("Discharge Date", "2024-02-02");
    v.put("Medication", "Paracetamol");
    v.put("Test Results", "Normal");
    edit.accept(v);
    v.values().removeIf(java.util.Objects::isNull);
    return envelope(fileId, row, "healthcare-admissions", v);
  }

  public static RowEnvelope admission(String fileId, long row) {
    return admission(fileId, row, v -> {});
  }

  public static RowEnvelope envelope(
      String fileId, long row, String mapping, Map<String, String> values) {
    return new RowEnvelope(
        RowEnvelope.SCHEMA,
        fileId,
        fileId + ".csv",
        mapping,
        row,
        row + 1,
        values,
        null,
        INGESTED_AT);
  }

  /**
   * A generated admission whose content depends on {@code seed} only: equal seeds give exact
   * duplicate rows. Names come in random casing; every 97th seed has a negative billing amount.
   */
  public static RowEnvelope generated(String fileId, long row, long seed) {
    String[] first = {
      "bobby", "LESLIE", "DaNnY", "andrEw", "adrIENNE", "emily", "CHRISTOPHER", "mcKenzie"
    };
    String[] last = {
      "JacksOn", "TErRy", "sMitH", "waTtS", "bEll", "o'brien", "GARCIA-LOPEZ", "mcdonald"
    };
    String[] conditions = {"Cancer", "Obesity", "Diabetes", "Asthma", "Hypertension", "Arthritis"};
    String[] blood = {"A+", "a-", "B+", "B-", "AB+", "ab-", "O+", "O-"};
    String[] gender = {"male", "FEMALE"};
    String[] types = {"emergency", "Elective", "URGENT"};
    String[] results = {"Normal", "abnormal", "Inconclusive"};
    int s = (int) (seed % 1_000_003);
    return admission(
        fileId,
        row,
        v -> {
          v.put("Name", " " + first[s % first.length] + "  " + last[(s / 8) % last.length] + " ");
          v.put("Age", Integer.toString(13 + s % 77));
          v.put("Gender", gender[s % 2]);
          v.put("Blood Type", blood[(s / 3) % 8]);
          v.put("Medical Condition", conditions[s % conditions.length]);
          v.put(
              "Date of Admission",
              String.format("20%02d-%02d-%02d", 19 + s % 6, 1 + s % 12, 1 + s % 28));
          v.put(
              "Discharge Date",
              String.format("20%02d-%02d-%02d", 19 + s % 6, 1 + s % 12, 1 + (s + 5) % 28));
          v.put("Doctor", "doctor " + s);
          v.put("Hospital", "Hospital " + (s % 500) + ",");
          v.put("Billing Amount", (s % 97 == 0 ? "-" : "") + (1000 + s) + "." + (s % 100));
          v.put("Room Number", Integer.toString(100 + s % 400));
          v.put("Admission Type", types[s % 3]);
          v.put("Test Results", results[s % 3]);
        });
  }
}
