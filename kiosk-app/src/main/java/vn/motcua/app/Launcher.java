package vn.motcua.app;

/**
 * Entry point of the citizen's touchscreen. The screens are not built yet: until they are, this only tells the
 * operator where the kiosk-agent's local API answers.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("AGENT_HTTP_PORT", "8081");
        System.out.println("kiosk-app: the touchscreen screens are not built yet; the kiosk-agent API is at "
                + "http://127.0.0.1:" + port + "/api/status");
    }
}
