package dev.berth.cli.server;

import dev.berth.cli.invocation.Invocation;
import dev.berth.cli.invocation.RunResources;
import dev.berth.cli.invocation.StandardStreams;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: reads the request, refuses it or runs it on this thread with the caller's environment,
 * directory, streams and terminal, and ends with the exit frame. A second thread reads what the client sends while
 * the command runs (standard input, signals); a third, the {@link Outbox}, writes what the command prints.
 */
final class Connection implements Runnable {
    /** Exit code when the server itself fails while running a command (EX_SOFTWARE). */
    static final int SERVER_FAILURE = 70;
    private static final int SIGHUP = 1;
    /** How long the exit frame may take to leave once the command has ended (a client that stopped reading). */
    private static final java.time.Duration WRITER_GRACE = java.time.Duration.ofSeconds(10);

    private final FrameChannel channel;
    private final ServerContext server;
    private final long number;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Thread runner;
    private Outbox outbox;
    private FramedInput stdin;
    private Invocation caller;

    Connection(FrameChannel channel, ServerContext server, long number) {
        this.channel = channel;
        this.server = server;
        this.number = number;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        if (!server.idle().begin()) {
            refuseQuietly(Refusal.SHUTTING_DOWN, "the CLI server is shutting down (idle); start a new one");
            return;
        }
        try {
            serve();
        } catch (IOException e) {
            server.log().warn("request " + number + ": connection failed: " + e.getMessage());
        } catch (ProtocolException e) {
            server.log().warn("request " + number + ": protocol error: " + e.getMessage());
        } finally {
            server.idle().end();
            closeQuietly();
        }
    }

    private void serve() throws IOException, ProtocolException {
        Frame first = channel.receive();
        if (first.type() != FrameType.REQUEST) {
            throw new ProtocolException("the first frame is " + first.type() + ", not REQUEST");
        }
        Optional<Request> admitted = admit(first.payload());
        if (admitted.isEmpty()) {
            return;
        }
        Request request = admitted.get();
        outbox = new Outbox(channel);
        stdin = new FramedInput(outbox);
        OutputStream stdout = new BufferedOutputStream(new FramedOutput(outbox, FrameType.STDOUT), 64 * 1024);
        RequestInterrupts interrupts = new RequestInterrupts(signal -> end(128 + signal, "signal " + signal));
        caller = new Invocation(request.env(), request.workingDirectory(), new StandardStreams(stdin, stdout),
                request.charset(), request.terminal(), interrupts, new RunResources());
        String[] args = request.args().toArray(String[]::new);
        Optional<String> own = server.policy().reason(caller, args);
        if (own.isPresent()) {
            refuse(Refusal.OWN_PROCESS, own.get());
            return;
        }
        channel.send(FrameType.ACCEPTED, new byte[0]);
        server.log().info("request " + number + ": running");
        Thread writer = daemon(outbox, "berth-cli-output-" + number);
        daemon(() -> readFromClient(interrupts), "berth-cli-input-" + number);
        long started = System.nanoTime();
        int code = execute(args, stdout, request);
        boolean cancelled = !ended.compareAndSet(false, true);
        if (!cancelled) {
            outbox.exit(code);
        }
        server.log().info("request " + number + ": " + (cancelled ? "cancelled" : "exit " + code) + " after "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        awaitEnd(writer);
    }

    /** The request, if this server may run it: same protocol, same build, unchanged sources; else refused. */
    private Optional<Request> admit(byte[] payload) throws IOException, ProtocolException {
        int version = Request.versionOf(payload);
        if (version != Request.VERSION) {
            refuse(Refusal.PROTOCOL_VERSION, "the CLI server speaks protocol " + Request.VERSION + ", the client "
                    + version);
            return Optional.empty();
        }
        Request request = Request.decode(payload);
        if (server.sourcesChanged().getAsBoolean()) {
            refuse(Refusal.SOURCES_CHANGED, "berth's sources changed since the CLI server's jar was built");
            return Optional.empty();
        }
        if (!request.jarIdentity().equals(server.identity())) {
            refuse(Refusal.JAR_IDENTITY, "the CLI server runs " + server.identity() + ", the client expects "
                    + request.jarIdentity());
            return Optional.empty();
        }
        return Optional.of(request);
    }

    /** Waits until the writer has sent the exit frame, even when this thread was interrupted by {@link #end}. */
    private static void awaitEnd(Thread writer) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + WRITER_GRACE.toNanos();
        while (writer.isAlive() && System.nanoTime() < deadline) {
            try {
                writer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int execute(String[] args, OutputStream stdout, Request request) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, request.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FramedOutput(outbox, FrameType.STDERR),
                request.charset()), true);
        int code;
        try {
            code = server.commands().run(caller, out, err, args);
        } catch (RuntimeException | Error e) {
            err.println("berth: internal error in the CLI server: " + e + " (BERTH_NO_SERVER=1 runs berth without it;"
                    + " the server's log is " + server.log().file() + ")");
            server.log().warn("request " + number + ": " + e);
            code = SERVER_FAILURE;
        }
        out.flush();
        err.flush();
        try {
            stdout.flush();
        } catch (IOException e) {
            // the caller has gone; its exit code no longer matters
        }
        return code;
    }

    /** Reads standard input and signals until the connection closes; a lost client ends the request. */
    private void readFromClient(RequestInterrupts interrupts) {
        try {
            while (true) {
                Frame frame = channel.receive();
                switch (frame.type()) {
                    case STDIN -> stdin.deliver(frame.payload());
                    case SIGNAL -> interrupts.deliver(frame.u32());
                    default -> throw new ProtocolException("unexpected " + frame.type() + " frame from the client");
                }
            }
        } catch (IOException | ProtocolException e) {
            stdin.end();
            end(128 + SIGHUP, "client gone");
        }
    }

    /**
     * Ends the request before its command returns (a signal with no handler, the client gone): the exit frame goes
     * out now, the command's thread is interrupted and what it opened is closed, so that blocked calls return.
     */
    private void end(int code, String why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        server.log().info("request " + number + ": ending with " + code + " (" + why + ")");
        outbox.exitNow(code);
        runner.interrupt();
        caller.resources().closeAll();
    }

    private void refuse(Refusal refusal, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + text.length];
        payload[0] = (byte) refusal.code();
        System.arraycopy(text, 0, payload, 1, text.length);
        channel.send(FrameType.REFUSED, payload);
        server.log().info("request " + number + ": refused (" + refusal + "): " + message);
    }

    private void refuseQuietly(Refusal refusal, String message) {
        try {
            channel.receive();
            refuse(refusal, message);
        } catch (IOException | ProtocolException e) {
            // the client will find another server
        } finally {
            closeQuietly();
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
