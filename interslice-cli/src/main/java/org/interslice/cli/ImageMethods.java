package org.interslice.cli;

import java.util.Iterator;
import org.interslice.core.synth.SynthesisMethods;

/** Completion candidates for image-synthesis method options: whatever the registry finds on the class path. */
final class ImageMethods implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return SynthesisMethods.imageNames().iterator();
    }
}
