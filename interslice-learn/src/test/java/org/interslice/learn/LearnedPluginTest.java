package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interslice.cli.Main;
import org.interslice.core.synth.SynthesisMethods;
import org.junit.jupiter.api.Test;

/** Discovery without libtorch: the registry finds {@code learned}, the CLI finds {@code train}. */
class LearnedPluginTest {
    @Test
    void registryFindsLearned() {
        assertInstanceOf(LearnedMethod.class, SynthesisMethods.get("learned"));
        assertInstanceOf(LearnedSynthesizer.class, SynthesisMethods.image("learned"));
        assertTrue(SynthesisMethods.imageNames().contains("learned"));
        assertTrue(SynthesisMethods.imageNames().contains("morph"), "core's built-ins stay");
    }

    @Test
    void commandLineFindsTrain() {
        assertTrue(Main.commandLine().getSubcommands().containsKey("train"));
    }
}
