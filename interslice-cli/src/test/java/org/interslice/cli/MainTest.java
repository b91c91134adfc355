package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.interslice.core.IntersliceException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("bug here");
        }
    }

    @Command(name = "bad")
    static final class Bad implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IntersliceException(java.nio.file.Path.of("x.nii"), "truncated header");
        }
    }

    @Test
    void versionPrintsNameAndVersion() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit());
        assertEquals("interslice 0.1.0", r.out().strip());
        assertEquals("", r.err());
    }

    @Test
    void helpWorksOnEveryCommand() {
        Cli.Result root = Cli.run("--help");
        assertEquals(0, root.exit());
        assertTrue(root.out().startsWith("Usage: interslice"), root.out());
        // every registered subcommand, so commands added later are covered too
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            Cli.Result r = Cli.run(name, "--help");
            assertEquals(0, r.exit(), name);
            assertTrue(r.out().startsWith("Usage: interslice " + name), r.out());
            assertTrue(root.out().contains(name), "root help lists " + name);
            assertEquals("", r.err(), name);
        }
    }

    @Test
    void noArgumentsShowsUsage() {
        Cli.Result r = Cli.run();
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("info") && r.out().contains("convert") && r.out().contains("demo"), r.out());
    }

    @Test
    void unknownOptionIsUsageError() {
        Cli.Result r = Cli.run("info", "--no-such-option", "x.nii");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("interslice: Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Try 'interslice info --help'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownCommandSuggestsTheClosest() {
        Cli.Result r = Cli.run("inof", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("interslice info"), r.err());
    }

    @Test
    void missingParameterIsUsageError() {
        Cli.Result r = Cli.run("convert", "only-one.nii");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("OUT"), r.err());
    }

    @Test
    void badSpacingIsUsageError() {
        for (String bad : new String[] {"1,2", "1,x,3", "1,0,3", "1,-2,3"}) {
            Cli.Result r = Cli.run("info", "--input-spacing", bad, "x.tif");
            assertEquals(2, r.exit(), bad);
            assertTrue(r.err().contains("--input-spacing"), r.err());
        }
    }

    /** Start-up: a run naming a command builds only that command's model, with the same help and parsing. */
    @Test
    void aNamedCommandRegistersOnlyItself() {
        assertEquals(java.util.Set.of("resample"), Main.commandLine("-q", "resample", "a.nii", "b.nii").getSubcommands().keySet());
        assertEquals(java.util.Set.of(), Main.commandLine("--version").getSubcommands().keySet());
        assertTrue(Main.commandLine("--help").getSubcommands().keySet().containsAll(java.util.List.of("info", "resample", "help")));
        assertTrue(Main.commandLine("nosuch").getSubcommands().containsKey("convert"), "an unknown name gets every command (suggestions)");
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            StringWriter whole = new StringWriter(), one = new StringWriter();
            Main.commandLine().getSubcommands().get(name).usage(new PrintWriter(whole, true));
            Main.commandLine(name).getSubcommands().get(name).usage(new PrintWriter(one, true));
            assertEquals(whole.toString(), one.toString(), name);
        }
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exit());
        assertEquals("interslice 0.1.0", v.out().trim());
    }

    /** Main finds the named command by these names without reading annotations: each must be its command's name, in order. */
    @Test
    void commandNamesAreTheAnnotatedOnes() {
        java.util.List<String> registered = new java.util.ArrayList<>(Main.commandLine().getSubcommands().keySet());
        assertEquals(java.util.List.of(Main.NAMES), registered.subList(0, Main.NAMES.length));
        for (String name : Main.NAMES) {
            Object command = Main.commandLine(name).getSubcommands().get(name).getCommand();
            assertEquals(name, command.getClass().getAnnotation(Command.class).name());
        }
    }

    @Test
    void badPixelTypeIsUsageError() {
        Cli.Result r = Cli.run("convert", "--type", "uint12", "a.nii", "b.nii");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("uint12"), r.err());
    }

    @Test
    void intersliceExceptionIsOneLineExitOne() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("bad", new Bad());
        Cli.Result r = Cli.run(cl, "bad");
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("interslice: x.nii: truncated header", r.errLines()[0]);
    }

    @Test
    void debugAddsStackTrace() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("bad", new Bad());
        Cli.Result r = Cli.run(cl, "--debug", "bad");
        assertEquals(1, r.exit());
        assertEquals("interslice: x.nii: truncated header", r.errLines()[0]);
        assertTrue(r.err().contains("\tat org.interslice.cli.MainTest$Bad.call"), r.err());
    }

    @Test
    void otherExceptionIsInternalErrorExitThree() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom());
        Cli.Result r = Cli.run(cl, "boom");
        assertEquals(3, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("interslice: internal error: java.lang.IllegalStateException: bug here; rerun with --debug", r.errLines()[0]);
    }

    @Command(name = "oom")
    static final class Oom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void errorsThatEscapePicocliAreInternalErrors() {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("oom", new Oom());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(3, Main.run(cl, new String[] {"oom"}));
        String[] lines = err.toString().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("interslice: internal error: out of memory (Java heap space)"), lines[0]);
    }

    @Test
    void quietWinsOverProgress() {
        Main m = new Main();
        m.progress = true;
        PrintWriter w = new PrintWriter(new StringWriter());
        assertTrue(m.progress(w).enabled());
        m.quiet = true;
        assertFalse(m.progress(w).enabled());
    }
}
