package io.tideway.infra.cli;

import java.util.ArrayList;
import java.util.List;

/** Minimal {@code --name value} parser; what is not an option is a positional argument. */
final class Args {

  private final List<String> remaining;

  Args(String[] args) {
    remaining = new ArrayList<>(List.of(args).subList(1, args.length));
  }

  String option(String name, String fallback) {
    int i = remaining.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= remaining.size()) {
      throw new UsageException(name + " needs a value");
    }
    String value = remaining.get(i + 1);
    remaining.remove(i + 1);
    remaining.remove(i);
    return value;
  }

  /** True when the switch {@code name} (an option without a value) was given. */
  boolean flag(String name) {
    return remaining.remove(name);
  }

  long longOption(String name, long fallback) {
    String v = option(name, null);
    try {
      return v == null ? fallback : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, got '" + v + "'");
    }
  }

  /** An optional whole-number option, null when absent. */
  Integer intOption(String name) {
    String v = option(name, null);
    try {
      return v == null ? null : Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, got '" + v + "'");
    }
  }

  List<String> rest() {
    for (String r : remaining) {
      if (r.startsWith("--")) {
        throw new UsageException("unknown option " + r);
      }
    }
    return List.copyOf(remaining);
  }

  void requireNoMore() {
    if (!remaining.isEmpty()) {
      throw new UsageException("unexpected arguments " + remaining);
    }
  }
}
