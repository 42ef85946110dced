package vn.motcua.agent.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, from a chosen source address: Linux answers every 127.x.y.z on loopback, so one test
 * can be several machines of the desk's LAN. Also holds a display stream open without a thread per stream.
 */
public final class LanClient {
    private final URI base;

    public LanClient(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    public record Reply(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return Api.json(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Reply get(String from, String path) {
        return send(from, "GET", path, null, null);
    }

    public Reply postJson(String from, String path, String json) {
        return send(from, "POST", path, "application/json", json);
    }

    /** One request on its own connection; {@code contentType} null sends none. */
    public Reply send(String from, String method, String path, String contentType, String body) {
        return send(from, method, path, contentType, body, Map.of());
    }

    public Reply send(String from, String method, String path, String contentType, String body,
                      Map<String, String> extraHeaders) {
        try (Socket s = connect(from, Duration.ofSeconds(30))) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nConnection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null || method.equals("POST")) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            Head h = readHead(in);
            String text;
            if ("chunked".equalsIgnoreCase(h.headers.get("transfer-encoding"))) {
                throw new IllegalStateException(path + " answered a stream; use openStream");
            } else if (h.headers.containsKey("content-length")) {
                text = new String(in.readNBytes(Integer.parseInt(h.headers.get("content-length"))), StandardCharsets.UTF_8);
            } else {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Reply(h.status, h.headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " from " + from, e);
        }
    }

    /** Opens {@code GET path} and returns once the status line and headers are in. */
    public Stream openStream(String from, String path) {
        Stream s = requestStream(from, path);
        s.status();
        return s;
    }

    /** Sends {@code GET path} and returns at once; the answer is read when first asked for. */
    public Stream requestStream(String from, String path) {
        try {
            Socket s = connect(from, Duration.ofSeconds(30));
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new Stream(s, from + " " + path);
        } catch (IOException e) {
            throw new UncheckedIOException("stream " + path + " from " + from, e);
        }
    }

    private Socket connect(String from, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            s.setSoTimeout((int) timeout.toMillis());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private record Head(int status, Map<String, String> headers) {
    }

    private static Head readHead(InputStream in) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP status line: " + status);
        }
        Map<String, String> headers = new TreeMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        return new Head(Integer.parseInt(status.split(" ")[1]), headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c == -1 && b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }

    /** An open response read chunk by chunk (the JDK server sends streams chunked), as lines of the decoded body. */
    public static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final String what;
        private Head head;
        private final StringBuilder pending = new StringBuilder();

        Stream(Socket socket, String what) {
            this.socket = socket;
            this.what = what;
        }

        private Head head() {
            if (head == null) {
                try {
                    head = readHead(socket.getInputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException("stream " + what, e);
                }
            }
            return head;
        }

        public int status() {
            return head().status;
        }

        public String header(String name) {
            return head().headers.get(name.toLowerCase(Locale.ROOT));
        }

        public Socket socket() {
            return socket;
        }

        /** Reads until a line containing {@code text} arrives; false on timeout or end of stream. */
        public boolean awaitLine(String text, Duration timeout) {
            head();
            long end = System.nanoTime() + timeout.toNanos();
            try {
                while (System.nanoTime() < end) {
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        String l = pending.substring(0, nl);
                        pending.delete(0, nl + 1);
                        if (l.contains(text)) {
                            return true;
                        }
                    }
                    socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    if (!chunked()) {
                        byte[] b = new byte[4096];
                        int n = socket.getInputStream().read(b);
                        if (n < 0) {
                            return false;
                        }
                        pending.append(new String(b, 0, n, StandardCharsets.UTF_8));
                        continue;
                    }
                    String size = line(socket.getInputStream());
                    if (size == null) {
                        return false;
                    }
                    if (size.isEmpty()) {
                        continue;
                    }
                    int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (length == 0) {
                        return false;
                    }
                    pending.append(new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8));
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return false;
            }
            return false;
        }

        private boolean chunked() {
            return "chunked".equalsIgnoreCase(header("transfer-encoding"));
        }

        /** The rest of a refusal's body (a short JSON answer with a length). */
        public String body() {
            try {
                String length = header("content-length");
                return length == null ? "" : new String(socket.getInputStream().readNBytes(Integer.parseInt(length)),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }
}
