package dev.berth.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
  @Test
  void dockerNotationMapsToTheBytesTheKeysSend() {
    assertArrayEquals(new byte[] {0x10, 0x11}, DetachKeys.DEFAULT.sequence());
    assertArrayEquals(new byte[] {'x', 0x00, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x01},
        DetachKeys.parse("x,ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,CTRL-A").sequence());
    assertEquals("ctrl-x,y", DetachKeys.parse("ctrl-x,y").toString());
  }

  @Test
  void unknownKeysAreNamedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1"));
    assertTrue(e.getMessage().startsWith("unknown detach key 'ctrl-1': use a single character or ctrl-X"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse(""));
    assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("a,,b"));
  }

  private static DetachKeyFilter.Passed feed(DetachKeyFilter filter, String input) {
    byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    return filter.accept(bytes, bytes.length);
  }

  @Test
  void typedKeysDetachAndAreNotForwarded() {
    DetachKeyFilter filter = new DetachKeyFilter(DetachKeys.DEFAULT);
    DetachKeyFilter.Passed p = feed(filter, "ls\r\u0010\u0011ignored");
    assertTrue(p.detach());
    assertEquals("ls\r", new String(p.forward(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aPartialSequenceIsHeldUntilTheNextKeyShowsItIsNotOne() {
    DetachKeyFilter filter = new DetachKeyFilter(DetachKeys.DEFAULT);
    DetachKeyFilter.Passed held = feed(filter, "a\u0010");
    assertFalse(held.detach());
    assertEquals("a", new String(held.forward(), StandardCharsets.ISO_8859_1));
    DetachKeyFilter.Passed released = feed(filter, "b");
    assertFalse(released.detach());
    assertEquals("\u0010b", new String(released.forward(), StandardCharsets.ISO_8859_1));
    DetachKeyFilter.Passed restarted = feed(filter, "\u0010\u0010\u0011");
    assertTrue(restarted.detach(), "a repeated first key starts the sequence again");
    assertEquals("\u0010", new String(restarted.forward(), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aSequenceSplitOverTwoReadsDetaches() {
    DetachKeyFilter filter = new DetachKeyFilter(DetachKeys.parse("ctrl-x"));
    assertTrue(feed(filter, "\u0018").detach());
    DetachKeyFilter two = new DetachKeyFilter(DetachKeys.DEFAULT);
    assertFalse(feed(two, "\u0010").detach());
    assertTrue(feed(two, "\u0011").detach());
  }
}
