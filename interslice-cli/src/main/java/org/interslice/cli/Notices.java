package org.interslice.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints an operation's notes and warnings on stderr, one line each. */
final class Notices {
    private Notices() {}

    static void print(PrintWriter err, List<String> notes, List<String> warnings) {
        for (String n : notes) err.println("interslice: note: " + n);
        for (String w : warnings) err.println("interslice: warning: " + w);
        err.flush();
    }
}
