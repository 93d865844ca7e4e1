package io.tideway.cleaner.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.payload.RowEnvelope;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The types and dialect keys of inferred mappings, one table row per cell shape. */
class DialectTypesTest {

  private static MappingEngine engine(String type, String extra, String dialect) {
    String yaml =
        "name: t\ntarget: {database: db, collection: c}\n"
            + (dialect.isEmpty() ? "" : "dialect: {" + dialect + "}\n")
            + "columns:\n  - {source: V, target: v, type: "
            + type
            + (extra.isEmpty() ? "" : ", " + extra)
            + ", null_values: [\"NA\", \"NULL\"]}\n";
    Mapping m =
        MappingLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t");
    return MappingEngine.compile(m, null);
  }

  private static BsonValue clean(MappingEngine e, String cell) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("V", cell);
    CleanResult r =
        e.clean(new RowEnvelope(1, "f", "f.csv", "t", 1, 2, values, null, Instant.EPOCH));
    return r.isRejected() ? null : r.document().get("v");
  }

  @ParameterizedTest(name = "{0} {3}: ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "long | 9000000000 | | | int64:9000000000",
        "int | 9000000000 | | | REJECT",
        "int | 1.234 | | decimal_separator: ',', grouping_separator: '.' | int32:1234",
        "decimal | -1.234,56 | | decimal_separator: ',', grouping_separator: '.' | dec:-1234.56",
        "decimal | 1,234.50 | | grouping_separator: ',' | dec:1234.50",
        "decimal | 1.2.3 | | decimal_separator: ',', grouping_separator: '.' | REJECT",
        "boolean | Yes | | | bool:true",
        "boolean | FALSE | | | bool:false",
        "boolean | maybe | | | REJECT",
        "int | NA | | | null",
        "date | 31.12.2024 | 'format: dd.MM.yyyy, formats: [yyyy-MM-dd]' | | date:2024-12-31T00:00:00Z",
        "date | 2024-12-31 | 'format: dd.MM.yyyy, formats: [yyyy-MM-dd]' | | date:2024-12-31T00:00:00Z",
        "datetime | 2024-03-01T09:30:00+01:00 | | | date:2024-03-01T08:30:00Z",
        "datetime | 2024-03-01T09:30:00.250Z | | | date:2024-03-01T09:30:00.250Z",
        "datetime | 2024-03-01T09:30 | | | date:2024-03-01T09:30:00Z",
        "datetime | 3/15/2024 2:05:00 pm | format: M/d/yyyy h:mm:ss a | | date:2024-03-15T14:05:00Z",
        "datetime | 2024-03-01 | | | REJECT",
      })
  void typesACell(String type, String cell, String extra, String dialect, String expected) {
    BsonValue v =
        clean(
            engine(
                type,
                extra == null ? "" : extra.replaceAll("^'|'$", ""),
                dialect == null ? "" : dialect),
            cell);
    if (expected.equals("REJECT")) {
      assertThat(v).isNull();
      return;
    }
    String[] kind = expected.split(":", 2);
    BsonValue want =
        switch (kind[0]) {
          case "int64" -> new BsonInt64(Long.parseLong(kind[1]));
          case "int32" -> new BsonInt32(Integer.parseInt(kind[1]));
          case "dec" -> new BsonDecimal128(new Decimal128(new BigDecimal(kind[1])));
          case "bool" -> BsonBoolean.valueOf(Boolean.parseBoolean(kind[1]));
          case "date" -> new BsonDateTime(Instant.parse(kind[1]).toEpochMilli());
          default -> BsonNull.VALUE;
        };
    assertThat(v).isEqualTo(want);
  }
}
