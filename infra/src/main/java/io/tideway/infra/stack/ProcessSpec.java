package io.tideway.infra.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to launch one JVM of the stack.
 *
 * @param name used for the PID file, the log file and messages
 * @param healthUrl polled until it answers 200, or null when readiness is checked otherwise
 * @param jvmOptions extra JVM options before the main class (besides the heap and the GC)
 */
public record ProcessSpec(
    String name,
    String mainClass,
    String classpath,
    String heap,
    List<String> args,
    Map<String, String> env,
    String healthUrl,
    List<String> jvmOptions) {

  /**
   * C1 only. On a small machine the C2 compiler threads of six JVMs compete with the pipeline for
   * the cores, and a run of a few minutes never earns that back: the reference file goes through
   * about 1.4 times faster, a million-row cleaner run about 0.8 times as fast (docs/BENCHMARKS.md).
   * And compiled after a tenth of the usual invocations: a C1 compilation is cheap, and a first
   * file otherwise runs its per-row code interpreted for the first thousands of rows (a cold {@code
   * ./pipeline run} about 9 % sooner, docs/BENCHMARKS.md).
   */
  static final List<String> QUICK_JIT =
      List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");

  /**
   * The JIT options of the local stack's service and broker JVMs: C1 only unless {@code
   * TIDEWAY_JIT=full}. The embedded store always gets the full JIT: it lives as long as the stack
   * and runs the same per-document code (decode, index, match) for every file, so C2's compilations
   * are paid once; with them its CPU per file fell to about half on 222,000 and 1,000,000 rows and
   * did not rise on the reference file (docs/BENCHMARKS.md).
   */
  public static List<String> localJit() {
    return StackSettings.fullJit() ? List.of() : QUICK_JIT;
  }

  public ProcessSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** A spec with the default JIT. */
  public ProcessSpec(
      String name,
      String mainClass,
      String classpath,
      String heap,
      List<String> args,
      Map<String, String> env,
      String healthUrl) {
    this(name, mainClass, classpath, heap, args, env, healthUrl, List.of());
  }

  /**
   * The java command line that starts this process, with {@code extra} JVM options (class data
   * sharing, say) after its own.
   */
  public List<String> javaCommand(List<String> extra) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagedProcess.baseOptions(heap));
    command.addAll(jvmOptions);
    command.addAll(extra);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
