package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.persist.ModelRegistry;
import org.junit.jupiter.api.Test;

/** The learners of this session are registered by name and their models have codecs. */
class LinearFamilyRegistryTest {

    @Test
    void registeredWithCodecs() {
        for (String name : new String[] {"poisson", "gamma", "tweedie", "ridge_cv", "huber"}) {
            assertEquals(name, LearnerRegistry.create(name, Dataset.Task.REGRESSION).name());
            assertTrue(ModelRegistry.kinds().contains(name), name + " has a codec: " + ModelRegistry.kinds());
        }
        assertTrue(LearnerRegistry.create("tweedie", Dataset.Task.REGRESSION).params().names().contains("power"));
    }
}
