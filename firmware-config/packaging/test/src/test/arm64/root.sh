#!/usr/bin/env bash
# A Debian bookworm arm64 root, run through qemu-user-static, in which the packages are installed as on a Pi.
#
#   root.sh ensure CACHE      build CACHE/root when it is missing or does not start Java; prints nothing else
#   root.sh up CACHE RUN      a throw-away overlay of CACHE/root at RUN/root, with /proc, /sys, /dev, /dev/pts, /tmp
#   root.sh down RUN          unmounts what `up` mounted and removes RUN
#
# The Debian mirror is the one this machine's apt uses. Needs root, qemu-user-static, binfmt-support, debootstrap.
set -euo pipefail

# What the packages' Depends pull in on a Pi (Java, adduser, socat), the GTK the screen's JavaFX needs, fonts with
# Vietnamese letters, and ps for the test's look at the running processes. dbus-user-session settles GTK's
# dconf dependency on a session bus, and dbus libpam-systemd's on a system bus: alternatives of virtual packages
# that debootstrap does not resolve.
INCLUDE=openjdk-17-jre-headless,adduser,socat,libgtk-3-0,libxtst6,dbus,dbus-user-session,fonts-dejavu-core,procps,ca-certificates

die() { echo "root.sh: $*" >&2; exit 1; }

mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' \
        | grep -v -- '-security' | head -n 1 || true)
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list | grep -v -- '-security' | awk '{print $2}' | head -n 1 || true)
  fi
  [ -n "$uri" ] || die "no Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  echo "$uri"
}

binfmt() {
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    update-binfmts --enable qemu-aarch64
  fi
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "qemu-aarch64 is not registered with binfmt_misc"
}

healthy() {
  [ -x "$1/usr/bin/java" ] && [ -f "$1/.kiosk-root-complete" ] \
    && chroot "$1" /usr/bin/java -version >/dev/null 2>&1
}

# Unmounts whatever is mounted at or below $1 (a build that was killed leaves debootstrap's /proc there).
unmount_below() {
  local dir
  dir=$(realpath -m "$1")
  # nothing mounted there is the usual case: grep finding nothing must not end the script (pipefail)
  { awk '{print $2}' /proc/mounts | grep -E "^${dir}(/|$)" || true; } | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

ensure() {
  local cache=$1
  mkdir -p "$cache"
  # One builder at a time: another build on this machine waits here, then finds the root the first one made.
  exec 9>"$cache/.lock"
  flock 9
  binfmt
  if healthy "$cache/root"; then
    # A root cached before a package joined the list gets it added, rather than rebuilt.
    local missing
    missing=$(for p in ${INCLUDE//,/ }; do
      chroot "$cache/root" dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
    done)
    if [ -n "$missing" ]; then
      echo "root.sh: adding to the cached root:" $missing >&2
      mount -t proc proc "$cache/root/proc"
      chroot "$cache/root" env DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -qq && apt-get install -y -qq \
        --no-install-recommends $(echo $missing) && apt-get clean" > "$cache/apt-add.log" 2>&1 \
        || { umount "$cache/root/proc"; tail -n 20 "$cache/apt-add.log" >&2; die "could not add$missing"; }
      umount "$cache/root/proc"
    fi
    return 0
  fi
  echo "root.sh: building the arm64 root in $cache/root (several minutes)" >&2
  unmount_below "$cache/root.new"
  rm -rf --one-file-system "$cache/root.new"
  trap 'unmount_below "$cache/root.new"' EXIT
  debootstrap --arch=arm64 --variant=minbase --include="$INCLUDE" bookworm "$cache/root.new" "$(mirror)" \
    > "$cache/debootstrap.log" 2>&1 || { tail -n 30 "$cache/debootstrap.log" >&2; die "debootstrap failed"; }
  # Package lists, so that apt resolves a package's Depends against the archive as on a Pi.
  mount -t proc proc "$cache/root.new/proc"
  chroot "$cache/root.new" apt-get update -qq > "$cache/apt-update.log" 2>&1 || true
  chroot "$cache/root.new" apt-get clean
  umount "$cache/root.new/proc"
  touch "$cache/root.new/.kiosk-root-complete"
  healthy "$cache/root.new" || die "the new root does not start java"
  unmount_below "$cache/root"
  rm -rf --one-file-system "$cache/root"
  mv "$cache/root.new" "$cache/root"
  trap - EXIT
}

up() {
  local cache=$1 run=$2
  binfmt
  mkdir -p "$run/upper" "$run/work" "$run/root"
  mount -t overlay overlay -o "lowerdir=$cache/root,upperdir=$run/upper,workdir=$run/work" "$run/root"
  mount -t proc proc "$run/root/proc"
  mount --rbind /sys "$run/root/sys"
  mount --make-rslave "$run/root/sys"
  # A /dev of its own, so that the printer's link made in it stays out of this machine's /dev.
  mount -t tmpfs -o mode=755 dev "$run/root/dev"
  for node in null zero full random urandom tty; do
    touch "$run/root/dev/$node"
    mount --bind "/dev/$node" "$run/root/dev/$node"
  done
  mkdir -p "$run/root/dev/pts" "$run/root/dev/shm"
  mount --bind /dev/pts "$run/root/dev/pts"
  ln -s pts/ptmx "$run/root/dev/ptmx"
  mount -t tmpfs tmpfs "$run/root/dev/shm"
  mount -t tmpfs -o mode=1777 tmp "$run/root/tmp"
  # The X display of the screen's test runs on this machine; its socket folder is shared.
  mkdir -p -m 1777 /tmp/.X11-unix "$run/root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$run/root/tmp/.X11-unix"
  mkdir -p "$run/root/run/lock"
  cp /etc/resolv.conf "$run/root/etc/resolv.conf" 2>/dev/null || true
}

down() {
  local run=$1
  if [ -d "$run/root" ]; then
    # Anything still running in the root goes first, then the mounts, deepest first.
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$(realpath "$run/root")" ]; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    done
    sleep 1
    { grep -F " $(realpath "$run/root")" /proc/mounts || true; } | awk '{print $2}' | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
  fi
  rm -rf "$run"
}

case "${1:-}" in
  ensure) ensure "$2" ;;
  up) up "$2" "$3" ;;
  down) down "$2" ;;
  *) die "usage: root.sh ensure CACHE | up CACHE RUN | down RUN" ;;
esac
