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

    @Test
    void specsSplitIntoNameAndOptionsAndMethodsWithoutOptionsRefuseThem() {
        SynthesisMethods.Spec s = SynthesisMethods.spec("learned:self-train=200:model=/a/b.zip:flag");
        assertEquals("learned", s.name());
        assertEquals(java.util.List.of("self-train", "model", "flag"), java.util.List.copyOf(s.options().keySet()));
        assertEquals("200", s.options().get("self-train"));
        assertEquals("/a/b.zip", s.options().get("model"));
        assertEquals("true", s.options().get("flag"));
        assertTrue(SynthesisMethods.spec("cubic").options().isEmpty());
        assertEquals(CubicSynthesizer.class, SynthesisMethods.image("cubic").getClass());
        assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.spec("learned:a=1:a=2"));
        assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.spec("learned::x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.image("linear:steps=3"));
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.label("shape:x=1"));
        assertEquals("linear", SynthesisMethods.get("linear:whatever").name());
    }
}
