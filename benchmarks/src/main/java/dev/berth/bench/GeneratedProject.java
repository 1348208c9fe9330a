package dev.berth.bench;

/** A compose file of N services in the shape real projects have (the same shape as bench/gen-compose.sh). */
final class GeneratedProject {

    private GeneratedProject() {
    }

    static String yaml(int services) {
        StringBuilder out = new StringBuilder("services:\n");
        for (int i = 1; i <= services; i++) {
            out.append("  svc").append(i).append(":\n")
               .append("    image: registry.local/app/svc").append(i).append(":${TAG:-1.0}\n")
               .append("    command: [\"sh\", \"-c\", \"exec server --port 80\"]\n")
               .append("    environment:\n")
               .append("      - SERVICE_ID=").append(i).append('\n')
               .append("      - LOG_LEVEL=${LOG_LEVEL:-info}\n")
               .append("    labels:\n      com.example.team: team").append(i % 4).append('\n')
               .append("    ports:\n      - \"").append(20000 + i).append(":80\"\n")
               .append("      - \"127.0.0.1:").append(30000 + i).append(":9090/udp\"\n")
               .append("    volumes:\n      - data").append(i).append(":/var/lib/app\n")
               .append("      - ./config/svc").append(i).append(":/etc/app:ro\n")
               .append("    networks: [front, back]\n")
               .append("    restart: unless-stopped\n")
               .append("    healthcheck:\n")
               .append("      test: [\"CMD\", \"wget\", \"-q\", \"-O\", \"-\", \"http://localhost/health\"]\n")
               .append("      interval: 10s\n      retries: 3\n");
            if (i > 1) {
                out.append("    depends_on:\n      svc").append(i - 1).append(":\n        condition: service_started\n");
            }
        }
        out.append("networks:\n  front: {}\n  back:\n    internal: true\nvolumes:\n");
        for (int i = 1; i <= services; i++) {
            out.append("  data").append(i).append(": {}\n");
        }
        return out.toString();
    }
}
