package io.tideway.infra.stack;

import java.util.List;
import java.util.Map;

/**
 * How to launch one JVM of the stack.
 *
 * @param name used for the PID file, the log file and messages
 * @param healthUrl polled until it answers 200, or null when readiness is checked otherwise
 */
public record ProcessSpec(
    String name,
    String mainClass,
    String classpath,
    String heap,
    List<String> args,
    Map<String, String> env,
    String healthUrl) {}
