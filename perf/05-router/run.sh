#!/usr/bin/env bash
# Router overhead: direct vs through the router (1 and 5 routes, sticky hashing on) vs nginx, fixed rate and
# saturation, in one run. Prints one JSON object on stdout; logs on stderr.
# The routers run in JVMs of their own (like nginx in its own process); the allocation-free load generator and
# backend share another. Every scenario keeps its keep-alive connections for the whole run; the fixed-rate and
# saturation phases run in interleaved rounds (direct, routers, nginx, then again one scenario later), so a slow
# minute of this shared virtual box hits them alike.
# Knobs (env): RATE (5000), SECONDS_PER_RUN (6: seconds per fixed-rate round; saturation rounds last half as long,
# at least 3 s), ROUNDS (5), WARMUP (10), CONNECTIONS (32), ROUTER_IO_THREADS (1, like nginx's one worker),
# ROUTER_JVM_OPTIONS ("-Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled"),
# SCENARIOS (direct,router_1_routes,router_5_routes,nginx; also router_1_routes_polling and router_5_routes_polling:
# the router with io.poll.spin.micros=POLL_SPIN_MICROS, 100 by default), TIMELINE (true: per round, where the slow
# requests were),
# HARNESS_CPUS / PROXY_CPUS (unset: no pinning; e.g. 0 and 1 pin the load generator + backend JVM to CPU 0 and the
# router or nginx to CPU 1, so the proxies under comparison get the same, separate core).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/modules/router"
cp_file="$module/target/bench-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/router/perf/RouterProcess.class" || ! -f "$cp_file" ]]; then
    echo "building modules/router ..." >&2
    (cd "$root" && ./mvnw -B -q -pl modules/router -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
backend_port="$(free_port)"
nginx_port=0
workdir="$(mktemp -d)"
cleanup() {
    if [[ -f "$workdir/nginx.pid" ]]; then kill "$(cat "$workdir/nginx.pid")" 2>/dev/null || true; fi
    if [[ -s "$workdir/logs/error.log" ]]; then echo "nginx error log:" >&2; cat "$workdir/logs/error.log" >&2; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

if command -v nginx >/dev/null 2>&1; then
    nginx_port="$(free_port)"
    mkdir -p "$workdir/logs"
    cat > "$workdir/nginx.conf" <<CONF
worker_processes 1;
pid $workdir/nginx.pid;
error_log $workdir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 10000000;
    # the benchmark's rounds leave a scenario's connections idle for minutes: keep them, as the router does
    keepalive_timeout 3600s;
    upstream backend { server 127.0.0.1:$backend_port; keepalive 64; keepalive_requests 10000000; }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
CONF
    ${PROXY_CPUS:+taskset -c "$PROXY_CPUS"} nginx -c "$workdir/nginx.conf" -p "$workdir" >&2
    echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') reverse proxy on port $nginx_port (1 worker)" >&2
else
    echo "nginx is not installed: the nginx baseline is skipped (apt-get install -y nginx to include it)" >&2
fi

${HARNESS_CPUS:+taskset -c "$HARNESS_CPUS"} java -Xms1g -Xmx1g -XX:+UseParallelGC -Dlogback.configurationFile="$here/logback.xml" \
    -Dtimeline="${TIMELINE:-false}" -Drate="${RATE:-5000}" -Dseconds="${SECONDS_PER_RUN:-6}" -Drounds="${ROUNDS:-5}" -Dwarmup="${WARMUP:-10}" \
    -Dconnections="${CONNECTIONS:-32}" -Drouter.io.threads="${ROUTER_IO_THREADS:-1}" -Drouter.poll.spin.micros="${POLL_SPIN_MICROS:-100}" \
    -Drouter.jvm.options="${ROUTER_JVM_OPTIONS:--Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled}" \
    -Dscenarios="${SCENARIOS:-direct,router_1_routes,router_5_routes,nginx}" -Dbackend.port="$backend_port" -Dnginx.port="$nginx_port" \
    -Dnginx.pid.file="$workdir/nginx.pid" -Drouter.cpus="${PROXY_CPUS:-}" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.router.perf.RouterBenchmark
