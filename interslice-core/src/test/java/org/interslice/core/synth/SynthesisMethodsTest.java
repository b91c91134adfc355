package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SynthesisMethodsTest {
    @Test
    void builtinsAreFoundThroughTheServiceLoaderByName() {
        for (String n : new String[] {"nearest", "linear", "cubic"}) {
            assertTrue(SynthesisMethods.imageNames().contains(n), n);
            assertEquals(n, SynthesisMethods.image(n).name());
        }
        assertEquals(LinearSynthesizer.class, SynthesisMethods.image("linear").getClass());
    }

    @Test
    void labelMethodsAreNearestLinearAndShape() {
        for (String n : new String[] {"nearest", "linear", "shape"}) {
            assertTrue(SynthesisMethods.labelNames().contains(n), n);
            assertEquals(n, SynthesisMethods.label(n).name());
        }
        assertEquals(ShapeBasedLabels.class, SynthesisMethods.label("shape").getClass());
        assertTrue(!SynthesisMethods.imageNames().contains("shape"));
    }

    @Test
    void unknownNamesAndWrongKindsAreRefusedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.get("magic"));
        assertTrue(e.getMessage().contains("linear"), e.getMessage());
        // cubic has no label variant: asking for one names the label methods instead
        e = assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.label("cubic"));
        assertTrue(e.getMessage().contains("label methods"), e.getMessage());
    }
}
