# Sourced by bench scripts: starts Debian's dockerd privately (own socket, data and exec roots, no bridge,
# no iptables rules) and stops exactly that process, removing its directories, when the script exits.
# After `private_dockerd_start NAME`, DOCKER_HOST points at it. Needs root and docker.io.
private_dockerd_start() {
  local name=$1
  PRIVATE_DOCKERD_SOCKET=/run/$name.sock
  PRIVATE_DOCKERD_DATA=/var/lib/$name
  PRIVATE_DOCKERD_EXEC=/run/$name
  PRIVATE_DOCKERD_PIDFILE=/run/$name.pid
  command -v dockerd >/dev/null || { echo "dockerd is missing: apt-get install -y docker.io" >&2; return 1; }
  dockerd --host "unix://$PRIVATE_DOCKERD_SOCKET" --data-root "$PRIVATE_DOCKERD_DATA" \
    --exec-root "$PRIVATE_DOCKERD_EXEC" --pidfile "$PRIVATE_DOCKERD_PIDFILE" --bridge none --iptables=false \
    --ip-masq=false --storage-driver overlay2 >"/tmp/$name.log" 2>&1 &
  PRIVATE_DOCKERD_PID=$!
  trap private_dockerd_stop EXIT
  export DOCKER_HOST="unix://$PRIVATE_DOCKERD_SOCKET"
  for _ in $(seq 1 100); do
    docker version >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "dockerd did not answer; see /tmp/$name.log" >&2
  return 1
}

private_dockerd_stop() {
  [ -n "${PRIVATE_DOCKERD_PID:-}" ] || return 0
  docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1 || true
  # dockerd keeps the bridge of each network it still has (br-<12 hex of the id>, or the name the network gives)
  # for its next start: remove the networks, and after it stopped any bridge of theirs that is left
  local bridges
  bridges=$(docker network ls -q --filter driver=bridge 2>/dev/null | xargs -r docker network inspect \
    -f '{{if not (or (eq .Name "bridge") (eq .Name "host") (eq .Name "none"))}}{{with index .Options "com.docker.network.bridge.name"}}{{.}}{{else}}br-{{printf "%.12s" .Id}}{{end}}{{end}}' 2>/dev/null || true)
  docker network prune -f >/dev/null 2>&1 || true
  kill "$PRIVATE_DOCKERD_PID" 2>/dev/null || true
  wait "$PRIVATE_DOCKERD_PID" 2>/dev/null || true
  for bridge in $bridges; do ip link show "$bridge" >/dev/null 2>&1 && ip link delete "$bridge"; done
  grep -q " $PRIVATE_DOCKERD_DATA/" /proc/mounts && grep " $PRIVATE_DOCKERD_DATA/" /proc/mounts | awk '{print $2}' \
    | sort -r | xargs -r -n1 umount -l
  rm -rf "$PRIVATE_DOCKERD_DATA" "$PRIVATE_DOCKERD_EXEC" "$PRIVATE_DOCKERD_SOCKET" "$PRIVATE_DOCKERD_PIDFILE"
  PRIVATE_DOCKERD_PID=
}

# Imports a FROM-scratch image holding the host's static busybox as TAG into the private daemon.
private_dockerd_busybox() {
  local tag=$1 rootfs
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  tar -C "$rootfs" -c . | docker import - "$tag" >/dev/null
  rm -rf "$rootfs"
}
