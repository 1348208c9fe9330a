package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.DockerRuntime;
import dev.berth.runtime.BuildCredentials;
import dev.berth.runtime.BuildFailedException;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RegistryAccessException;
import dev.berth.runtime.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-call credentials: docker-registry with htpasswd basic auth over TLS on 127.0.0.1, and an engine that has no
 * credentials of its own for it. Clients that send {@code X-Registry-Auth} (docker-java through DockerRuntime, the
 * docker CLI after {@code docker login} against the engine) pull and push; without it the registry's refusal comes
 * back as 401.
 */
class DaemonRegistryAuthTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "correct-horse";
    private static final RegistryCredentials LOGIN = RegistryCredentials.of(USER, PASSWORD);
    @RegisterExtension
    static final RegistryEngine registry = RegistryEngine.basicAuthTls(USER, PASSWORD);

    @Test
    void dockerJavaSendingXRegistryAuthPushesAndPullsAndWithoutItIsRefused() throws Exception {
        ImageRef remote = ImageRef.of(registry.address() + "/auth/busybox:java");
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            docker.tagImage(TestEngine.IMAGE, remote);
            RegistryAccessException anonymous = assertThrows(RegistryAccessException.class,
                    () -> docker.pushImage(remote, Optional.empty(), e -> { }));
            assertEquals(RegistryAccessException.Reason.UNAUTHORIZED, anonymous.reason(), anonymous.getMessage());
            assertTrue(anonymous.getMessage().contains(registry.address()), anonymous.getMessage());

            docker.pushImage(remote, Optional.of(LOGIN), e -> { });
            String id = docker.inspectImage(remote).id();
            docker.removeImage(remote, false);

            RegistryAccessException refused = assertThrows(RegistryAccessException.class,
                    () -> docker.pullImage(remote, Optional.empty(), Optional.empty(), e -> { }));
            assertEquals(RegistryAccessException.Reason.UNAUTHORIZED, refused.reason(), refused.getMessage());
            RegistryAccessException wrong = assertThrows(RegistryAccessException.class, () -> docker.pullImage(
                    remote, Optional.empty(), Optional.of(RegistryCredentials.of(USER, "wrong")), e -> { }));
            assertTrue(wrong.getMessage().contains("refused the credentials for user 'alice'"), wrong.getMessage());

            docker.pullImage(remote, Optional.empty(), Optional.of(LOGIN), e -> { });
            assertEquals(id, docker.inspectImage(remote).id());
        }
    }

    @Test
    void withoutCredentialsThePullIsAnHttp401NamingTheRegistry() throws Exception {
        String raw = registry.engine().post("/v1.43/images/create?fromImage=" + registry.address()
                + "/auth/absent&tag=1");
        assertTrue(raw.startsWith("HTTP/1.1 401"), raw);
        assertTrue(raw.contains("registry " + registry.address() + " requires authentication"), raw);

        String auth = Base64.getUrlEncoder().encodeToString(("{\"username\":\"" + USER + "\",\"password\":\""
                + PASSWORD + "\"}").getBytes(StandardCharsets.UTF_8));
        String withAuth = registry.engine().post("/v1.43/images/create?fromImage=" + registry.address()
                + "/auth/absent&tag=1", "X-Registry-Auth: " + auth);
        assertTrue(withAuth.startsWith("HTTP/1.1 404"), "authenticated, the tag is simply missing: " + withAuth);
    }

    @Test
    void theDockerCliLogsInThroughTheEngineAndSendsItsLoginWithPullAndPush() throws Exception {
        DockerCli.assumeInstalled();
        Path config = Files.createDirectories(registry.scratch().resolve("docker-config"));
        DockerCli docker = new DockerCli(registry.engine(), config);
        String remote = registry.address() + "/auth/busybox:cli";
        docker.ok("tag", TestEngine.IMAGE.value(), remote);

        // refused, the docker CLI asks for a login interactively, which it cannot do without a terminal
        DockerCli.Result denied = docker.run("push", remote);
        assertNotEquals(0, denied.code(), denied.out());
        assertTrue(denied.err().contains("login"), denied.err());

        DockerCli.Result badLogin = docker.runWithInput("wrong\n", "login", "-u", USER, "--password-stdin",
                registry.address());
        assertNotEquals(0, badLogin.code());
        assertTrue(badLogin.err().contains("refused the credentials"), badLogin.err());
        DockerCli.Result login = docker.runWithInput(PASSWORD + "\n", "login", "-u", USER, "--password-stdin",
                registry.address());
        assertEquals(0, login.code(), login.err());
        assertTrue(login.out().contains("Login Succeeded"), login.out());

        docker.ok("push", remote);
        docker.ok("rmi", remote);
        docker.ok("pull", remote);
        docker.ok("logout", registry.address());
        DockerCli.Result loggedOut = docker.run("pull", remote);
        assertNotEquals(0, loggedOut.code(), loggedOut.out());
        assertTrue(loggedOut.err().contains("login"), loggedOut.err());
    }

    @Test
    void aBuildPullsItsMissingBaseImageWithTheLoginOfXRegistryConfig() throws Exception {
        DockerCli.assumeInstalled();
        ImageRef base = ImageRef.of(registry.address() + "/auth/base:build");
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            docker.tagImage(TestEngine.IMAGE, base);
            docker.pushImage(base, Optional.of(LOGIN), e -> { });
            docker.removeImage(base, false);
        }
        Path context = Files.createDirectories(registry.scratch().resolve("build-context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base.value() + "\nRUN echo built > /built.txt\n");
        DockerCli docker = new DockerCli(registry.engine(),
                Files.createDirectories(registry.scratch().resolve("build-config")));

        DockerCli.Result anonymous = docker.run("build", "-t", "auth-built:1", context.toString());
        assertNotEquals(0, anonymous.code(), anonymous.out());
        String refusal = anonymous.out() + anonymous.err();
        assertTrue(refusal.contains("dockerfile parse error line 1: FROM " + base.value() + ": cannot pull it")
                && refusal.contains("registry " + registry.address() + " requires authentication"), refusal);

        docker.runWithInput(PASSWORD + "\n", "login", "-u", USER, "--password-stdin", registry.address());
        DockerCli.Result built = docker.run("build", "-t", "auth-built:1", context.toString());
        assertEquals(0, built.code(), built.out() + built.err());
        assertTrue(built.out().contains("Pulling " + base.value()), built.out());
        assertEquals("built", docker.ok("run", "--rm", "auth-built:1", "cat", "/built.txt").text());
        DockerCli.Result refreshed = docker.ok("build", "--pull", "-t", "auth-built:1", context.toString());
        assertTrue(refreshed.out().contains(base.value() + ": Image is up to date"), refreshed.out());
    }

    @Test
    void dockerRuntimeBuildsSendTheirBuildCredentialsAsXRegistryConfig() throws Exception {
        ImageRef base = ImageRef.of(registry.address() + "/auth/base:runtime");
        ImageRef built = ImageRef.of("auth-built:runtime");
        Path context = Files.createDirectories(registry.scratch().resolve("runtime-context"));
        Path extra = Files.createDirectories(registry.scratch().resolve("runtime-extra"));
        Files.writeString(extra.resolve("note.txt"), "from a named context");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base.value() + "\nCOPY --from=extra note.txt /\n");
        // a named context makes the docker runtime send the build itself (Berth's /build extension), not docker-java
        BuildSpec spec = BuildSpec.builder(context, built).additionalContext("extra", extra.toString()).build();
        try (DockerRuntime docker = DockerRuntime.connect(registry.engine().endpoint())) {
            docker.tagImage(TestEngine.IMAGE, base);
            docker.pushImage(base, Optional.of(LOGIN), e -> { });
            docker.removeImage(base, false);

            BuildFailedException anonymous = assertThrows(BuildFailedException.class,
                    () -> docker.build(spec, BuildCredentials.NONE, e -> { }));
            assertTrue(anonymous.getMessage().contains("registry " + registry.address()
                    + " requires authentication"), anonymous.getMessage());

            ImageRef id = docker.build(spec, new BuildCredentials(Map.of(registry.address(), LOGIN)), e -> { });
            assertEquals(id.value(), docker.inspectImage(built).id());
            assertEquals(docker.inspectImage(TestEngine.IMAGE).id(), docker.inspectImage(base).id(),
                    "the build pulled its base image with the login");
        }
    }
}
