package io.tideway.infra.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline rejects FILE_ID}: a file's refused rows, from the verifier. */
@Command(
    name = "rejects",
    description = {
      "Print the rows of file FILE_ID that were refused, one line per broken rule (row, line,"
          + " field, value, reason). Needs no token: it only reads."
    })
final class RejectsCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE_ID",
      arity = "1",
      description = "the file's file_id (shown by GET /api/files and in the run report)")
  String fileId;

  @Option(names = "--csv", description = "print them as CSV, for a spreadsheet")
  boolean csv;

  @Mixin VerifierOption verifier;

  @Override
  public Integer call() {
    return OperatorCommands.rejects(verifier.url(System.getenv()), fileId, csv);
  }
}
