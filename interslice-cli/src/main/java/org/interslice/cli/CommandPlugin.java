package org.interslice.cli;

/**
 * A subcommand contributed by a module the CLI does not depend on ({@code interslice-learn}'s {@code train},
 * {@code interslice-spark}'s {@code batch}). The module lists its implementation in
 * {@code META-INF/services/org.interslice.cli.CommandPlugin}; when its jar is on the class path (the
 * launcher adds every {@code interslice-*}{@code /target/plugin/} folder), {@link Main} adds the command.
 * Without the jar the CLI starts exactly as before.
 */
public interface CommandPlugin {
    /** A new picocli command object (a class annotated with {@code @Command}, its name included). */
    Object command();
}
