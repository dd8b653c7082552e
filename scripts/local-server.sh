# Sourced by the scripts that drive a real regain-server over HTTP (fuzz-api, soak,
# measure-enumeration): starts BINARY in local mode with the configuration in $work/regain.toml
# and its data in $work/data, on a free loopback port, and waits until it listens. Sets
# `server` (its process ID, for the caller's trap to stop) and `base` (its URL); its output is
# in $work/stdout and $work/stderr.
#   start_local_server BINARY
start_local_server() {
  "$1" --local --config "$work/regain.toml" --data-dir "$work/data" \
    serve --listen 127.0.0.1:0 > "$work/stdout" 2> "$work/stderr" &
  server=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/stdout" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/^regain-server listening on //p' "$work/stdout")
  [ -n "$base" ] || { cat "$work/stderr" >&2; exit 1; }
}
