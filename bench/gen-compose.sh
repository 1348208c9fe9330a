#!/usr/bin/env bash
# Writes a compose file with N services (default 30) of realistic shape to stdout:
# build or image, ports, volumes, environment with interpolation, depends_on, healthcheck, networks.
# With `--idle IMAGE` as second argument the services can really run on any engine: each runs a shell that
# sleeps in IMAGE (a busybox) and exits on SIGTERM, on the project's default network, svc2..N depending on svc1.
set -euo pipefail
n=${1:-30}
if [ "${2:-}" = --idle ]; then
  image=${3:?usage: gen-compose.sh N --idle IMAGE}
  echo "services:"
  for i in $(seq 1 "$n"); do
    cat <<YAML
  svc$i:
    image: $image
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"]
    environment:
      SERVICE_ID: "$i"
    labels:
      com.example.team: team$((i % 4))
YAML
    if [ "$i" -gt 1 ]; then
      printf '    depends_on:\n      svc1:\n        condition: service_started\n'
    fi
  done
  exit 0
fi
echo "services:"
for i in $(seq 1 "$n"); do
  cat <<YAML
  svc$i:
    image: registry.local/app/svc$i:\${TAG:-1.0}
    command: ["sh", "-c", "exec server --port 80$(printf %02d $((i % 100)))"]
    environment:
      - SERVICE_ID=$i
      - LOG_LEVEL=\${LOG_LEVEL:-info}
      - DB_URL=postgres://db:5432/app$i
    labels:
      com.example.team: team$((i % 4))
      com.example.tier: backend
    ports:
      - "$((20000 + i)):80"
      - "127.0.0.1:$((30000 + i)):9090/udp"
    volumes:
      - data$i:/var/lib/app
      - ./config/svc$i:/etc/app:ro
    networks: [front, back]
    restart: unless-stopped
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "-", "http://localhost/health"]
      interval: 10s
      timeout: 3s
      retries: 3
YAML
  if [ "$i" -gt 1 ]; then
    echo "    depends_on:"
    echo "      svc$((i - 1)):"
    echo "        condition: service_started"
  fi
done
echo "networks:"
echo "  front: {}"
echo "  back:"
echo "    internal: true"
echo "volumes:"
for i in $(seq 1 "$n"); do echo "  data$i: {}"; done
