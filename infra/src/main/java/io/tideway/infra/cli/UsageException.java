package io.tideway.infra.cli;

/** Wrong command-line use; reported with the usage text and exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
