package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VetoHolderTest {

    @Test
    void twoRegions_shouldHoldEachOthersVeto() {
        Map<String, Integer> seed = Map.of("us-east-1", 1, "eu-west-1", 2);

        assertEquals(Optional.of("eu-west-1"), VetoHolder.of(seed, "us-east-1"));
        assertEquals(Optional.of("us-east-1"), VetoHolder.of(seed, "eu-west-1"));
    }

    @Test
    void threeRegions_shouldBeTheNextByPriority_wrappingAround() {
        Map<String, Integer> three = Map.of("ap-south-1", 3, "us-east-1", 1, "eu-west-1", 2);

        assertEquals(Optional.of("eu-west-1"), VetoHolder.of(three, "us-east-1"));
        assertEquals(Optional.of("ap-south-1"), VetoHolder.of(three, "eu-west-1"));
        assertEquals(Optional.of("us-east-1"), VetoHolder.of(three, "ap-south-1"));
    }

    @Test
    void equalPriorities_shouldBeOrderedByName_andOneRegionHasNone() {
        assertEquals(Optional.of("us-east-1"), VetoHolder.of(Map.of("us-east-1", 1, "eu-west-1", 1), "eu-west-1"));
        assertEquals(Optional.empty(), VetoHolder.of(Map.of("us-east-1", 1), "us-east-1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VetoHolder.of(Map.of("us-east-1", 1), "eu-west-1"));
        assertEquals(true, e.getMessage().contains("eu-west-1"));
    }
}
