#!/usr/bin/env bash
# Builds the image with -Pimage on a base made on this machine (no registry: a jlink'd Java runtime and this
# machine's glibc), then runs it the way a hardened pod does: as the image's user, root filesystem
# read-only, /tmp a tmpfs. Checks that it starts, that liveness answers 200 and readiness 503 (no Kafka or
# Redis here) with status words only, and that the API wants the key. Not part of ./mvnw verify: it needs
# root (mount namespace, chroot), a JDK with jmods, Linux on x86_64 or aarch64 with glibc, curl and ~2 min.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "check-image-offline: needs root (unshare -m, chroot)" >&2; exit 2; }
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -d "$JAVA_HOME/jmods" ] || { echo "check-image-offline: $JAVA_HOME has no jmods for jlink" >&2; exit 2; }

work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "1/4 base image: jlink runtime + glibc of this machine"
base="$work/base/rootfs"
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.charsets \
  --strip-debug --no-man-pages --no-header-files --output "$base/opt/java"
mkdir -p "$base/etc" "$base/tmp" "$base/proc"
# The shared libraries java needs (AWT's are left out: the service never loads them), and the loader.
for lib in $(ldd "$base/opt/java/bin/java" "$base/opt/java/lib/server/libjvm.so" "$base"/opt/java/lib/lib{java,net,nio,zip,jli,verify,management,extnet}.so 2>/dev/null \
             | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u); do
  mkdir -p "$base$(dirname "$lib")" && cp -L "$lib" "$base$lib"
done
for lib in /lib/*-linux-gnu/libnss_files.so.2 /lib/*-linux-gnu/libnss_dns.so.2 /lib/*-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && mkdir -p "$base$(dirname "$lib")" && cp -L "$lib" "$base$lib"
done
printf 'hosts: files dns\n' > "$base/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' > "$base/etc/hosts"
chmod 1777 "$base/tmp"
save="$work/base/save"; mkdir -p "$save"
tar --numeric-owner --owner=0 --group=0 -C "$base" -cf "$save/layer.tar" .
diff_id=$(sha256sum "$save/layer.tar" | cut -d' ' -f1)
arch=$(uname -m); [ "$arch" = x86_64 ] && arch=amd64; [ "$arch" = aarch64 ] && arch=arm64
printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$arch" "$diff_id" > "$save/config.json"
printf '[{"Config":"config.json","RepoTags":["local/jlink-base:latest"],"Layers":["layer.tar"]}]' > "$save/manifest.json"
tar -C "$save" -cf "$work/base.tar" manifest.json config.json layer.tar

echo "2/4 the image: ./mvnw -Pimage -Djib.from.image=tar://..."
./mvnw -q -B -pl service -am -Pimage -DskipTests package \
  -Djib.from.image="tar://$work/base.tar"
tarball=service/target/spillway-image.tar

echo "3/4 unpacking its layers"
oci="$work/oci"; root="$work/root"; mkdir -p "$oci" "$root"
tar -C "$oci" -xf "$tarball"
blob() { echo "$oci/blobs/sha256/$1"; }
digests() { grep -o '"digest":"sha256:[0-9a-f]*"' "$1" | cut -d: -f3 | tr -d '"'; }
manifest=$(digests "$oci/index.json" | head -1)
config=$(digests "$(blob "$manifest")" | head -1)
for layer in $(digests "$(blob "$manifest")" | tail -n +2); do
  tar --warning=no-unknown-keyword -C "$root" -xzf "$(blob "$layer")"
done
user=$(grep -o '"User":"[^"]*"' "$(blob "$config")" | cut -d'"' -f4)
entrypoint=$(grep -o '"Entrypoint":\[[^]]*\]' "$(blob "$config")" | sed 's/"Entrypoint":\[//; s/\]$//; s/","/\n/g; s/"//g')
mapfile -t command <<< "$entrypoint"
echo "    user $user, entrypoint ${command[*]}"
[ "${user%%:*}" != 0 ] || { echo "FAIL: the image runs as root" >&2; exit 1; }

echo "4/4 running it as $user, root filesystem read-only, /tmp a tmpfs"
port=$((20000 + RANDOM % 20000))
unshare -m bash -c '
  set -e; root=$1; user=$2; port=$3; shift 3
  mount --bind "$root" "$root"; mount -o remount,ro,bind "$root"
  mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"; mount -t proc proc "$root/proc"
  exec /usr/bin/env -i PATH=/opt/java/bin:/usr/bin:/bin JAVA_HOME=/opt/java SPILLWAY_API_PORT="$port" \
    SPILLWAY_API_KEY=offline-check-key KAFKA_BROKER=127.0.0.1:1 REDIS_URL=redis://127.0.0.1:1 \
    DEBEZIUM_CONNECTOR_URL=http://127.0.0.1:1/connectors /usr/sbin/chroot --userspec="$user" "$root" "$@"
' check "$root" "$user" "$port" "${command[@]}" > "$work/service.log" 2>&1 &
pid=$!
status() { curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$port$1" || true; }
for _ in $(seq 1 90); do
  [ "$(status /actuator/health/liveness)" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/service.log"; echo "FAIL: the service exited" >&2; exit 1; }
  sleep 2
done
fail() { echo "FAIL: $1" >&2; tail -30 "$work/service.log" >&2; exit 1; }
[ "$(status /actuator/health/liveness)" = 200 ] || fail "liveness is not 200 after 180 s"
echo "    liveness 200 $(cat "$work/body")"
[ "$(status /actuator/health/readiness)" = 503 ] || fail "readiness is not 503 without Kafka and Redis"
grep -q '127.0.0.1\|error\|details' "$work/body" && fail "readiness shows more than status words: $(cat "$work/body")"
echo "    readiness 503 $(cat "$work/body")"
[ "$(status /connection/list)" = 401 ] || fail "the API answers without the key"
echo "    /connection/list 401 without the key"
grep -qi 'read-only file system' "$work/service.log" && fail "the service wrote outside /tmp"
echo "OK: the image starts as $user on a read-only root filesystem and answers its probes"
