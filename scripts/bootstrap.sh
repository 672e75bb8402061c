#!/usr/bin/env bash
# Idempotent set-up of everything the build needs:
#   1. Debian packages (only the missing ones are installed),
#   2. the prebuilt DuckDB 1.4.4 library and its headers from the npm registry, pinned and
#      integrity-checked, unpacked under .deps/.
# Fast when all is present: it checks a stamp file per step and exits.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
mkdir -p "$deps"

# ---- Debian packages -------------------------------------------------------------------------
debian_packages=(
	cmake g++ make ninja-build ccache pkg-config clang-format
	libcurl4-openssl-dev libssl-dev libpq-dev postgresql-15 libsqlite3-dev
	libboost-dev libpugixml-dev libreadline-dev libgtest-dev
	python3 python3-yaml nginx-light wrk awscli python3-boto3 s3cmd rclone curl
)
# npm fetches DuckDB; a machine with Node.js from elsewhere already has it.
command -v npm >/dev/null 2>&1 || debian_packages+=(npm)
missing=()
for package in "${debian_packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$package")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "bootstrap: installing Debian packages: ${missing[*]}"
	if [ "$(id -u)" -eq 0 ]; then
		apt_cmd=(apt-get)
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		apt_cmd=(sudo apt-get)
	else
		echo "bootstrap: cannot install packages (not root, no passwordless sudo)." >&2
		echo "bootstrap: run as root: apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	"${apt_cmd[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null ||
		{ "${apt_cmd[@]}" update >/dev/null && "${apt_cmd[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# ---- npm packages (pinned, integrity-checked) ------------------------------------------------
# name@version  sha512 integrity (from the npm registry's dist.integrity)
fetch_npm() {
	local spec="$1" integrity="$2" dest="$3"
	local stamp="$dest/.integrity"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$integrity" ]; then
		return 0
	fi
	command -v npm >/dev/null 2>&1 || {
		echo "bootstrap: npm is required to fetch DuckDB from the npm registry: apt-get install -y npm" >&2
		exit 1
	}
	echo "bootstrap: fetching $spec"
	local work
	work="$(mktemp -d)"
	(cd "$work" && npm pack --silent "$spec" >/dev/null)
	local tarball
	tarball="$(ls "$work"/*.tgz)"
	local actual
	actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
	if [ "$actual" != "$integrity" ]; then
		echo "bootstrap: integrity mismatch for $spec: expected $integrity, got $actual" >&2
		rm -rf "$work"
		exit 1
	fi
	rm -rf "$dest"
	mkdir -p "$dest"
	tar -xzf "$tarball" -C "$dest" --strip-components=1
	echo "$integrity" >"$stamp"
	rm -rf "$work"
}

fetch_npm "@duckdb/node-bindings-linux-x64@1.4.4-r.4" \
	"sha512-jBTL/WvfwxLToFa/pVHfT6elMtltJGnc3wSuxZD9OfMltit9YUdVFS37vBFQzXMT1Z8OWjtSjMh+zPKxOwHLHA==" \
	"$deps/duckdb-lib"
fetch_npm "duckdb@1.4.4" \
	"sha512-hEJJ5hyVF0VLj3dmOLpsWrQR0b3d4Ykqtygm6iUXjHJDDnSqg/USKxcb5qvNrOhFYPgktayU6dXCtgPqcmmpog==" \
	"$deps/duckdb-src"
# `just` runs deploy/justfile; its tests check that the recipes parse. Published on npm as a
# prebuilt binary per platform.
if [ "$(uname -m)" = "x86_64" ]; then
	fetch_npm "rust-just-linux-x64@1.57.0" \
		"sha512-HWBdWzRxdDEgh/7LZGGJHF0ntEGTOGK33ANHOYPqXiWX82WztvVceasCs+oHOR0bZnWlTDouH61EJ+AD03MfxA==" \
		"$deps/just"
fi
