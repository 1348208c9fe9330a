package dev.berth.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script does complete in bash, and the man pages render with man. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    private static String berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /** What bash's completion function offers for {@code words}, the last being the word under the cursor. */
    private Set<String> complete(Path script, String... words) throws IOException, InterruptedException {
        String line = String.join(" ", words);
        // compopt only works while bash itself runs a completion; here the function is called directly
        String program = "source " + script + "\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + line + ")\n"
                + (line.endsWith(" ") ? "COMP_WORDS+=('')\n" : "")
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_berth berth\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", program)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new TreeSet<>(out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    @Test
    void bashCompletesCommandsAndTheirOptions() throws Exception {
        Path script = Files.writeString(dir.resolve("berth.bash"), berth("completion", "bash"));
        Set<String> co = complete(script, "berth", "co");
        assertTrue(co.contains("config") && co.contains("completion"), co.toString());
        assertTrue(co.stream().allMatch(w -> w.startsWith("co")), co.toString());
        assertEquals(Set.of("--wait", "--wait-timeout"), complete(script, "berth", "up", "--wai"));
        assertEquals(Set.of("bash", "zsh"), complete(script, "berth", "completion", ""));
    }

    @Test
    void theZshScriptLoadsBashCompletionSupport() {
        String zsh = berth("completion", "zsh");
        assertTrue(zsh.contains("bashcompinit"), "zsh runs the script through bashcompinit");
        assertTrue(zsh.contains("complete -F _complete_berth"), zsh.substring(zsh.length() - 400));
    }

    @Test
    void manPagesAreWrittenForEveryCommandAndRender() throws Exception {
        String written = berth("man", "--dir", dir.toString());
        assertTrue(written.lines().toList().containsAll(List.of(dir.resolve("berth.1").toString(),
                dir.resolve("berth-up.1").toString(), dir.resolve("berth-image-load.1").toString())), written);
        String up = Files.readString(dir.resolve("berth-up.1"));
        assertTrue(up.startsWith(".TH \"BERTH-UP\" 1"), up);
        assertTrue(up.contains(".TP\n\\fB\\-\\-wait\\-timeout\\fR \\fISECONDS\\fR\nMaximum duration in seconds to wait\n"),
                up);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man is not installed");
        Process man = new ProcessBuilder("man", "-l", dir.resolve("berth-up.1").toString())
                .redirectErrorStream(true).start();
        man.getOutputStream().close();
        String page = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll(".\b", "");
        assertTrue(man.waitFor(30, TimeUnit.SECONDS));
        assertTrue(page.contains("berth-up - Create and start containers."), page);
        assertTrue(page.contains("--wait-timeout SECONDS"), page);
        assertTrue(page.contains("berth(1)"), page);
    }
}
