package org.interslice.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Notes and warnings an operation collects for its caller to show (operations never print). A note
 * explains a choice the operation made for the user (an interpolator switched, a default spacing
 * assumed); a warning says the result may not be what the user expects (values clipped, a large gap
 * interpolated across). Each text is one line naming the file it concerns. Not thread-safe.
 */
public final class Messages {
    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void note(String text) {
        if (!notes.contains(text)) notes.add(text);
    }

    public void warn(String text) {
        if (!warnings.contains(text)) warnings.add(text);
    }

    /** Adds every note and warning of {@code other}. */
    public void addAll(Messages other) {
        for (String n : other.notes) note(n);
        for (String w : other.warnings) warn(w);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
