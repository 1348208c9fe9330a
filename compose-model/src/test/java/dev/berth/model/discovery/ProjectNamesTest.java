package dev.berth.model.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectNamesTest {

    private static final Path DIR = Path.of("/srv/My App.v2");

    @Test
    void normalizesLikeCompose() {
        assertEquals("myapp", ProjectNames.normalize("My App"));
        assertEquals("my_project", ProjectNames.normalize("-my_project"));
        assertEquals("my-proj", ProjectNames.normalize("__-My-Proj!"));
        assertEquals("42my_project_env", ProjectNames.normalize("42my_project_env"));
        assertEquals("", ProjectNames.normalize("-_ !"));
        assertEquals("appv2", ProjectNames.normalize("App.v2"));
    }

    @Test
    void validNamesStartWithALetterOrDigit() {
        assertTrue(ProjectNames.isValid("42my_project_env"));
        assertTrue(ProjectNames.isValid("a-b_c"));
        assertFalse(ProjectNames.isValid("-my_project"));
        assertFalse(ProjectNames.isValid("_my_project"));
        assertFalse(ProjectNames.isValid("MyProject"));
        assertFalse(ProjectNames.isValid(""));
    }

    @Test
    void imperativeNamesMustAlreadyBeNormal() {
        assertEquals("ok", ProjectNames.requireValid("ok", "-p"));
        ComposeException e = assertThrows(ComposeException.class,
                () -> ProjectNames.requireValid("_my_project", "COMPOSE_PROJECT_NAME"));
        Problem problem = e.problems().get(0);
        assertTrue(problem.message().startsWith("invalid project name \"_my_project\""), problem.message());
        assertEquals("COMPOSE_PROJECT_NAME", problem.path());
        assertEquals("use \"my_project\" instead", problem.hint());
        assertEquals("choose a name of lowercase letters, digits, - and _",
                assertThrows(ComposeException.class, () -> ProjectNames.requireValid("--", "-p"))
                        .problems().get(0).hint());
    }

    @Test
    void followsComposePrecedence() {
        assertEquals("cli", ProjectNames.resolve(Optional.of("cli"), Optional.of("env"), Optional.of("top"), DIR));
        assertEquals("env", ProjectNames.resolve(Optional.of(""), Optional.of("env"), Optional.of("top"), DIR));
        assertEquals("top_level", ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.of("Top_Level"),
                DIR));
        assertEquals("myappv2", ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.empty(), DIR));
        assertEquals("myappv2", ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.of("!!!"), DIR),
                "a top-level name that normalises to nothing falls back to the directory");
        assertEquals("42my_project_env", ProjectNames.resolve(Optional.empty(), Optional.of("42my_project_env"),
                Optional.empty(), DIR));
    }

    @Test
    void rejectsInvalidImperativeNamesEvenWhenOthersExist() {
        ComposeException e = assertThrows(ComposeException.class, () -> ProjectNames.resolve(Optional.empty(),
                Optional.of("-my_project"), Optional.of("fine"), DIR));
        assertTrue(e.getMessage().contains("invalid project name \"-my_project\""), e.getMessage());
        assertThrows(ComposeException.class, () -> ProjectNames.resolve(Optional.of("Bad"), Optional.empty(),
                Optional.empty(), DIR));
    }

    @Test
    void anEmptyResultIsAnError() {
        assertEquals("project name must not be empty", assertThrows(ComposeException.class,
                () -> ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.empty(), null))
                .problems().get(0).message());
        assertThrows(ComposeException.class,
                () -> ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.of("!!!"), Path.of("/")));
        assertThrows(ComposeException.class,
                () -> ProjectNames.resolve(Optional.empty(), Optional.empty(), Optional.empty(), Path.of("/")));
    }
}
