package io.tideway.infra.cli;

import picocli.CommandLine.Command;

/**
 * {@code ./pipeline mapping SUBCOMMAND}: the mapping subcommands; a new one is a class and a line
 * in {@code subcommands}.
 */
@Command(
    name = "mapping",
    synopsisSubcommandLabel = "SUBCOMMAND",
    description = "Work with mappings (docs/MAPPINGS.md).",
    subcommands = {MappingInitCommand.class})
final class MappingCommand {}
