#!/bin/bash
# Builds the lab node image: Debian's kernel + a cpio initramfs holding the userland.
# Usage: build-image.sh CACHE_DIR OUT_DIR   (root: apt download + chroot for depmod)
# Nothing of a node's identity (host keys, login keys, names) is in this image: those are added per
# node as a second cpio archive at boot, so one image serves every lab.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in apt-get dpkg-deb chroot cpio gzip tar; do
  command -v "$tool" > /dev/null || { echo "lab build: $tool is missing on this host" >&2; exit 1; }
done
mkdir -p "$1" "$2"
CACHE=$(cd "$1" && pwd)
OUT=$(cd "$2" && pwd)
DEBS=$CACHE/debs
WORK=$CACHE/build.tmp
mkdir -p "$DEBS/partial" "$OUT"
: > "$CACHE/empty-status"

mapfile -t PKGS < <(grep -v '^#' "$HERE/packages.txt" | grep -v '^$')
MODS=$(grep -v '^#' "$HERE/modules.txt" | grep -v '^$' | tr '\n' ' ')

# An empty dpkg status makes apt believe nothing is installed, so it resolves the whole closure.
APT=(apt-get -q -y --no-install-recommends
  -o "Dir::Cache::archives=$DEBS" -o "Dir::State::status=$CACHE/empty-status"
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
if ! "${APT[@]}" -s install "${PKGS[@]}" > "$CACHE/closure.txt" 2>"$CACHE/apt.err"; then
  echo "lab build: apt lists look stale, running apt-get update" >&2
  apt-get -q update >&2
  "${APT[@]}" -s install "${PKGS[@]}" > "$CACHE/closure.txt"
fi
"${APT[@]}" install --download-only "${PKGS[@]}" > "$CACHE/apt-download.log" 2>&1 \
  || { cat "$CACHE/apt-download.log" >&2; exit 1; }

# "Inst NAME (VERSION ...)" lines name exactly the debs of this closure (the cache may hold older ones).
SKIP='^(perl|perl-base|perl-modules-.*|libperl.*|udev|systemd|systemd-.*|initramfs-tools.*|debconf|dpkg|ucf|man-db|klibc-utils|libklibc|linux-base|busybox|cpio|zstd|logsave|runit-helper|sensible-utils|adduser|passwd|login|init-system-helpers)$'
rm -rf "$WORK"; mkdir -p "$WORK/root/usr/bin" "$WORK/root/usr/sbin" "$WORK/root/usr/lib" "$WORK/root/usr/lib64"
ROOT=$WORK/root
for d in bin sbin lib lib64; do ln -s "usr/$d" "$ROOT/$d"; done
KDEB=
while read -r _ name ver; do
  ver=${ver#(}; file=$(ls "$DEBS/${name}_${ver//:/%3a}_"*.deb)
  case $name in
    linux-image-amd64) ;;
    linux-image-*) KDEB=$file ;;
    # keepalived links libsnmp40, which links libperl: keep that one shared library, not perl.
    libperl5*) dpkg-deb --fsys-tarfile "$file" | tar -x --keep-directory-symlink -C "$ROOT" --wildcards '*/libperl.so*' ;;
    *) if [[ ! $name =~ $SKIP ]]; then dpkg-deb --fsys-tarfile "$file" | tar -x --keep-directory-symlink -C "$ROOT"; fi ;;
  esac
done < <(awk '/^Inst /{print $1, $2, $3}' "$CACHE/closure.txt")
[ -n "$KDEB" ] || { echo "no kernel package in closure" >&2; exit 1; }

# Kernel: keep only the modules we need plus their dependencies, computed by the image's own kmod.
mkdir -p "$ROOT/.kroot"; dpkg-deb -x "$KDEB" "$ROOT/.kroot"
KVER=$(ls "$ROOT/.kroot/lib/modules")
cp "$ROOT/.kroot/boot/vmlinuz-$KVER" "$OUT/vmlinuz.tmp"
chroot "$ROOT" /sbin/depmod -b /.kroot "$KVER"
IPVS=$(cd "$ROOT/.kroot/lib/modules/$KVER/kernel/net/netfilter/ipvs" && ls | sed 's/\.ko.*$//' | tr '\n' ' ')
KM=/lib/modules/$KVER
mkdir -p "$ROOT$KM"
for m in $MODS $IPVS; do chroot "$ROOT" /sbin/modprobe -d /.kroot -S "$KVER" --show-depends "$m"; done \
  | awk '$1=="insmod"{print $2}' | sort -u | while read -r ko; do
    rel=${ko#/.kroot$KM/}; mkdir -p "$ROOT$KM/$(dirname "$rel")"; cp "$ROOT$ko" "$ROOT$KM/$rel"
  done
cp "$ROOT/.kroot$KM"/modules.builtin* "$ROOT/.kroot$KM/modules.order" "$ROOT$KM/"
rm -rf "$ROOT/.kroot"
chroot "$ROOT" /sbin/depmod "$KVER"

# busybox fills every command no package provides; /bin/sh stays dash (busybox's own sh would
# prefer its applets over the real binaries).
chroot "$ROOT" /bin/busybox --list-full | while read -r p; do
  [ -e "$ROOT/$p" ] || [ -L "$ROOT/$p" ] || { mkdir -p "$ROOT/$(dirname "$p")"; ln -s /bin/busybox "$ROOT/$p"; }
done
ln -sf dash "$ROOT/bin/sh"
ln -sf /bin/busybox "$ROOT/init"
rm -rf "$ROOT/usr/share/doc" "$ROOT/usr/share/man" "$ROOT/usr/share/info" "$ROOT/usr/share/locale" \
  "$ROOT/usr/share/lintian" "$ROOT/etc/ssh/sshd_config.d" "$ROOT/etc/ssh/ssh_host_"*
mkdir -p "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/run" "$ROOT/tmp" "$ROOT/root/.ssh" \
  "$ROOT/etc/lvs-console" "$ROOT/srv/www" "$ROOT/var/log" "$ROOT/var/lib"
chmod 1777 "$ROOT/tmp"; chmod 700 "$ROOT/root" "$ROOT/root/.ssh"
ln -sfn /run "$ROOT/var/run"
cp -a "$HERE/rootfs/." "$ROOT/"
chmod 755 "$ROOT/etc/lab/rcS"
chmod 600 "$ROOT/etc/shadow"

(cd "$ROOT" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -1) > "$OUT/initrd.img.tmp"
mv "$OUT/vmlinuz.tmp" "$OUT/vmlinuz"
mv "$OUT/initrd.img.tmp" "$OUT/initrd.img"
printf '{"kernelVersion":"%s","modules":%s}\n' "$KVER" "$(find "$ROOT$KM" -name '*.ko*' | wc -l)" > "$OUT/image.json"
rm -rf "$WORK"
echo "lab build: kernel $KVER, initrd $(du -h "$OUT/initrd.img" | cut -f1)" >&2
