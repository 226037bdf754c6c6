package org.consentledger.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The witness over HTTP: {@code POST /add-checkpoint}, as C2SP tlog-witness defines it, and nothing else. */
public final class WitnessServer implements AutoCloseable {

    /** Far more than 63 proof lines and a checkpoint with a few dozen signatures need. */
    static final int MAX_BODY = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(WitnessServer.class.getName());

    private final HttpServer server;
    private final Witness witness;

    private WitnessServer(HttpServer server, Witness witness) {
        this.server = server;
        this.witness = witness;
    }

    public static WitnessServer start(Witness witness, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            WitnessServer running = new WitnessServer(server, witness);
            server.createContext("/", running::handle);
            server.start();
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Witness witness() {
        return witness;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/add-checkpoint")) {
                respond(exchange, Witness.Answer.text(404, "not found: this witness serves POST /add-checkpoint"));
            } else if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, Witness.Answer.text(405, "use POST"));
            } else {
                byte[] body = read(exchange.getRequestBody());
                String text = body == null ? null : utf8(body);
                respond(exchange, body == null ? Witness.Answer.text(413, "the request is larger than " + MAX_BODY + " bytes")
                        : text == null ? Witness.Answer.text(400, "the request is not UTF-8")
                        : addCheckpoint(text));
            }
        }
    }

    private Witness.Answer addCheckpoint(String body) {
        try {
            return witness.addCheckpoint(body);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Could not handle an add-checkpoint request", e);
            return Witness.Answer.text(500, "the witness could not handle the request");
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, Witness.Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
