package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    @Test
    void parsesDirectivesGlobalArgsStagesAndLineNumbers() {
        Dockerfile df = DockerfileParser.parse("""
                # syntax=docker/dockerfile:1.7
                # escape=\\
                ARG BASE=alpine:3.19
                ARG VERSION
                # a comment
                FROM --platform=linux/amd64 ${BASE} AS Build
                RUN echo one \\
                    two \\
                # comment inside a continuation
                    three
                COPY --from=build --chown=app:app --chmod=0755 --link a b /dst/

                from scratch
                CMD ["/app"]
                """);
        assertEquals("docker/dockerfile:1.7", df.syntax());
        assertEquals('\\', df.escape());
        assertEquals(List.of(3, 4), df.globalArgs().stream().map(Instruction::line).toList());
        assertEquals(2, df.stages().size());
        Stage build = df.stages().get(0);
        assertEquals("build", build.name());
        assertEquals("${BASE}", build.base());
        assertEquals("linux/amd64", build.platform());
        assertEquals(6, build.line());
        Instruction run = build.instructions().get(0);
        assertEquals(7, run.line());
        assertEquals("RUN", run.keyword());
        assertEquals("echo one     two     three", run.rest());
        assertFalse(run.isExecForm());
        Instruction copy = build.instructions().get(1);
        assertEquals(11, copy.line());
        assertEquals("build", copy.flag("from").orElseThrow());
        assertEquals("app:app", copy.flag("chown").orElseThrow());
        assertEquals("0755", copy.flag("chmod").orElseThrow());
        assertEquals("true", copy.flag("link").orElseThrow());
        assertEquals("a b /dst/", copy.rest());
        Stage second = df.stages().get(1);
        assertNull(second.name());
        assertEquals("scratch", second.base());
        assertEquals(List.of("/app"), second.instructions().get(0).execForm());
        assertEquals(build, df.stage("BUILD").orElseThrow());
        assertEquals(second, df.stage("1").orElseThrow());
    }

    @Test
    void backtickEscapeDirectiveChangesContinuations() {
        Dockerfile df = DockerfileParser.parse("# escape=`\nFROM scratch\nCOPY a `\n  c:\\dir\\\n");
        assertEquals('`', df.escape());
        assertEquals("a   c:\\dir\\", df.stages().get(0).instructions().get(0).rest());
    }

    @Test
    void heredocsAreCollectedWithTheirBodies() {
        Dockerfile df = DockerfileParser.parse("""
                FROM scratch
                RUN <<EOF
                echo a
                echo b
                EOF
                COPY <<-"CONF" /etc/app.conf
                \tkey=$value
                \tCONF
                RUN cat <<A <<B
                first
                A
                second
                B
                USER app
                """);
        List<Instruction> in = df.stages().get(0).instructions();
        assertEquals(List.of(new Instruction.Heredoc("EOF", "echo a\necho b\n", true, false)), in.get(0).heredocs());
        assertEquals(List.of(new Instruction.Heredoc("CONF", "key=$value\n", false, true)), in.get(1).heredocs());
        assertEquals(List.of("A", "B"), in.get(2).heredocs().stream().map(Instruction.Heredoc::name).toList());
        assertEquals(9, in.get(2).line());
        assertEquals(14, in.get(3).line());
    }

    @Test
    void execFormFallsBackToShellFormWhenNotJson() {
        Dockerfile df = DockerfileParser.parse("FROM scratch\nCMD [\"a\", \"b c\"]\nCMD [not json]\nENTRYPOINT\n");
        List<Instruction> in = df.stages().get(0).instructions();
        assertEquals(List.of("a", "b c"), in.get(0).execForm());
        assertNull(in.get(1).execForm());
        assertEquals("", in.get(2).rest());
    }

    @Test
    void unknownInstructionIsReportedWithLineAndSuggestion() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\n\nCOPPY a b\n"));
        assertEquals(3, e.line());
        assertEquals("Dockerfile:3: unknown instruction: COPPY (did you mean COPY?)", e.getMessage());
    }

    @Test
    void badFlagIsReportedWithTheAcceptedOnes() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nCOPY --form=build a b\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("Dockerfile:2: unknown flag --form for COPY"), e.getMessage());
        assertTrue(e.hint().contains("--from"));
        DockerfileException env = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nENV --x=1 a=b\n"));
        assertEquals(2, env.line());
    }

    @Test
    void structuralErrorsHaveLines() {
        assertEquals(1, assertThrows(DockerfileException.class, () -> DockerfileParser.parse("RUN x\nFROM scratch\n")).line());
        assertEquals(0, assertThrows(DockerfileException.class, () -> DockerfileParser.parse("# only\nARG A\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nFROM a AS b c\n")).line());
        assertEquals(3, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM a AS x\nRUN y\nFROM b AS X\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nSHELL /bin/bash -c\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nCOPY onlyone\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nENV JUSTKEY\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nRUN <<EOF\necho\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nONBUILD FROM x\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nHEALTHCHECK --interval=5 CMD true\n")).line());
        assertEquals(2, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nRUN --mount=type=nfs,target=/x true\n")).line());
        assertEquals(1, assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("# escape=x\nFROM scratch\n")).line());
    }

    @Test
    void reportsEveryProblemNotOnlyTheFirst() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM scratch\nCOPPY a b\nRUN ok\nCOPY --bad=1 a b\nSHELL sh\n"));
        assertEquals(List.of(2, 4, 5), e.problems().stream().map(DockerfileException::line).toList());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("Dockerfile:4: unknown flag --bad for COPY"), e.getMessage());
    }

    @Test
    void everyInstructionParses() {
        Dockerfile df = DockerfileParser.parse("""
                FROM scratch
                MAINTAINER someone
                LABEL a=b "c d"="e f"
                ENV A=1 B="two words"
                ENV LEGACY a value with spaces
                ARG X=1 Y
                WORKDIR /app
                USER app:app
                EXPOSE 80 53/udp 8000-8002
                VOLUME ["/data", "/logs"]
                VOLUME /cache
                STOPSIGNAL SIGINT
                SHELL ["/bin/sh", "-ec"]
                HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --start-interval=1s --retries=3 CMD curl -f http://localhost/
                HEALTHCHECK NONE
                ONBUILD RUN echo triggered
                RUN --mount=type=cache,target=/root/.cache --mount=type=bind,source=.,target=/src --network=none make
                ADD --chown=1:1 --checksum=sha256:abc https://example.com/x /x
                ENTRYPOINT ["/app"]
                CMD --help
                """);
        assertEquals(List.of("MAINTAINER", "LABEL", "ENV", "ENV", "ARG", "WORKDIR", "USER", "EXPOSE", "VOLUME", "VOLUME",
                "STOPSIGNAL", "SHELL", "HEALTHCHECK", "HEALTHCHECK", "ONBUILD", "RUN", "ADD", "ENTRYPOINT", "CMD"),
                df.stages().get(0).instructions().stream().map(Instruction::keyword).toList());
        Instruction run = df.stages().get(0).instructions().get(15);
        assertEquals(2, run.flags("mount").size());
        assertEquals("none", run.flag("network").orElseThrow());
        assertEquals("make", run.rest());
        assertEquals("--help", df.stages().get(0).instructions().get(18).rest());
    }

    @Test
    void runMountsParse() {
        RunMount cache = RunMount.parse("type=cache,target=/root/.cache,id=pip,sharing=locked", 1);
        assertEquals("cache", cache.type());
        assertEquals("/root/.cache", cache.target());
        assertEquals("pip", cache.id());
        assertTrue(cache.readWrite());
        RunMount bind = RunMount.parse("type=bind,source=src,target=/src,from=ctx", 1);
        assertEquals("src", bind.source());
        assertEquals("ctx", bind.from());
        assertFalse(bind.readWrite());
        assertEquals("/run/secrets/token", RunMount.parse("type=secret,id=token", 1).target());
        assertEquals(4, assertThrows(DockerfileException.class, () -> RunMount.parse("type=cache", 4)).line());
    }
}
