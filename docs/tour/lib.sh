# Shared by the tour scripts (sourced, not run). Each script works in a directory of its own (TOUR_DIR, default a
# new temporary one) holding a `moviola` that runs this checkout's ./moviola and a link to examples/, so that the
# commands it prints are exactly what a user types at the root of a checkout, and the checkout stays clean.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOUR_DIR="${TOUR_DIR:-$(mktemp -d)}"
mkdir -p "$TOUR_DIR"
printf '#!/usr/bin/env bash\nexec %q "$@"\n' "$root/moviola" >"$TOUR_DIR/moviola"
chmod +x "$TOUR_DIR/moviola"
ln -sfn "$root/examples" "$TOUR_DIR/examples"
cd "$TOUR_DIR"

# show 'COMMAND': prints the command as typed, after "$ ", then runs it (in this shell: variables it sets stay).
show() {
  printf '$ %s\n' "$1"
  eval "$1"
}

# Prints what a missing tool is for and stops.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "tour: $1 is needed ($2)" >&2; exit 3; }
}
