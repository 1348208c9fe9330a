package dev.berth.embedded.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SignalNumbersTest {

    @Test
    void namesAreTakenWithOrWithoutSigInAnyCase() {
        assertEquals(OptionalInt.of(15), SignalNumbers.of("TERM", "amd64"));
        assertEquals(OptionalInt.of(15), SignalNumbers.of("SIGTERM", "amd64"));
        assertEquals(OptionalInt.of(9), SignalNumbers.of("kill", "aarch64"));
        assertEquals(OptionalInt.of(1), SignalNumbers.of("SigHup", "amd64"));
        assertEquals(OptionalInt.of(10), SignalNumbers.of("USR1", "amd64"));
        assertEquals(OptionalInt.of(28), SignalNumbers.of("SIGWINCH", "amd64"));
    }

    @Test
    void numbersFromOneToSixtyFourAreTakenAsTheyAre() {
        assertEquals(OptionalInt.of(15), SignalNumbers.of("15", "amd64"));
        assertEquals(OptionalInt.of(64), SignalNumbers.of("64", "mips64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("0", "amd64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("65", "amd64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("99999999999", "amd64"));
    }

    @Test
    void unknownNamesAndOtherNumberingsAreLeftToTheRuntime() {
        assertEquals(OptionalInt.empty(), SignalNumbers.of("RTMIN+3", "amd64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("NOSUCH", "amd64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("", "amd64"));
        assertEquals(OptionalInt.empty(), SignalNumbers.of("USR1", "mips64"), "USR1 is 16 on MIPS");
    }
}
