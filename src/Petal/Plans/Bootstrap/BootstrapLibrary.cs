namespace Petal.Plans.Bootstrap;

/// <summary>
/// The fixed text of every bootstrap script: helpers and one function per section. No seed value
/// appears here; data comes from the quoted declarations at the top of each script. Every host path
/// is prefixed with $P (PETAL_PREFIX, empty on real nodes) so tests and the local twin can run a
/// section inside a scratch directory.
/// </summary>
internal static class BootstrapLibrary
{
    public const string Text = """
: "${PETAL_PREFIX:=}"
P=$PETAL_PREFIX
: "${PETAL_LOG:=$P/var/log/petal/$PETAL_SCRIPT.log}"
: "${PETAL_WAIT_SECONDS:=1500}"
PETAL_STEP=start
PETAL_SYSTEMD_DIR=/etc/systemd/system

petal_progress() { echo "PETAL_PROGRESS $1 $2"; }

# A known failure: one machine-readable line, then a non-zero exit.
petal_fail() {
  trap - ERR
  echo "PETAL_ERROR $1 $2"
  exit 1
}

petal_on_error() {
  trap - ERR
  echo "PETAL_ERROR $PETAL_STEP command failed with exit code $1: $2"
  exit "$1"
}

# Writes a file only when its content changes, so a second run leaves mtimes alone.
petal_write_file() {
  local path=$1 content=${2%$'\n'}
  mkdir -p "$(dirname "$path")"
  if [ -f "$path" ] && [ "$(cat "$path")" = "$content" ]; then return 0; fi
  printf '%s\n' "$content" > "$path"
}

petal_spack() { "$P$PETAL_SPACK_ROOT/bin/spack" "$@"; }

petal_install_packages() {
  case "$PETAL_PKG" in
    apt) DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" ;;
    dnf) dnf install -y "$@" ;;
    *) yum install -y "$@" ;;
  esac
}

# Spack's prerequisites (https://spack.readthedocs.io/en/latest/getting_started.html).
petal_section_os_packages() {
  case "$PETAL_PKG" in
    apt)
      apt-get update -y
      petal_install_packages git gcc g++ gfortran make patch bzip2 xz-utils unzip file python3 ca-certificates curl ;;
    *) petal_install_packages git gcc gcc-c++ gcc-gfortran make patch bzip2 xz unzip file python3 ;;
  esac
}

# Groups and users with the seed's exact ids. An existing user or group with other ids is an error:
# files on shared storage are owned by numbers, so a silently different id is a data leak.
petal_group() {
  local name=$1 gid=$2 existing
  if existing=$(getent group "$name"); then
    [ "$(cut -d: -f3 <<<"$existing")" = "$gid" ] \
      || petal_fail users "group $name exists with gid $(cut -d: -f3 <<<"$existing"), the seed wants $gid"
  elif ! getent group "$gid" >/dev/null; then
    groupadd -g "$gid" -- "$name"
  fi
}

petal_section_users() {
  local entry name uid gid existing home
  if [ "$PETAL_ROLE" = head ]; then home=-m; else home=-M; fi
  for entry in "${PETAL_USERS[@]}"; do
    IFS=: read -r name uid gid <<<"$entry"
    petal_group "$name" "$gid"
    if existing=$(getent passwd "$name"); then
      [ "$(cut -d: -f3 <<<"$existing")" = "$uid" ] \
        || petal_fail users "user $name exists with uid $(cut -d: -f3 <<<"$existing"), the seed wants $uid"
      [ "$(cut -d: -f4 <<<"$existing")" = "$gid" ] \
        || petal_fail users "user $name has primary gid $(cut -d: -f4 <<<"$existing"), the seed wants $gid"
      continue
    fi
    if existing=$(getent passwd "$uid"); then
      petal_fail users "uid $uid belongs to $(cut -d: -f1 <<<"$existing"), the seed gives it to $name"
    fi
    useradd "$home" -u "$uid" -g "$gid" -s /bin/bash -- "$name"
  done
}

# Mountpoint for Amazon S3 (AWS's FUSE client): see docs/plans.md for why not s3fs.
petal_section_mount_tool() {
  command -v mount-s3 >/dev/null && return 0
  local arch pkg tmp
  arch=$(uname -m)
  [ "$arch" = aarch64 ] && arch=arm64
  if [ "$PETAL_PKG" = apt ]; then pkg=mount-s3.deb; else pkg=mount-s3.rpm; fi
  tmp=$(mktemp -d)
  curl -fsSL --retry 5 -o "$tmp/$pkg" "https://s3.amazonaws.com/mountpoint-s3-release/latest/$arch/$pkg"
  petal_install_packages "$tmp/$pkg"
  rm -rf "$tmp"
}

# One systemd unit per mount: mounted now and again after every reboot (remote-fs.target).
petal_section_mounts() {
  [ "${#PETAL_S3_MOUNTS[@]}" -gt 0 ] || return 0
  petal_section_mount_tool
  local entry bucket dir mode unit options
  for entry in "${PETAL_S3_MOUNTS[@]}"; do
    IFS=: read -r bucket dir mode unit <<<"$entry"
    options=--allow-other
    if [ "$mode" = ro ]; then options="$options --read-only"; fi
    mkdir -p "$P$dir"
    petal_write_file "$P$PETAL_SYSTEMD_DIR/$unit" "[Unit]
Description=petal: S3 bucket $bucket at $dir
Wants=network-online.target
After=network-online.target
AssertPathIsDirectory=$dir

[Service]
Type=forking
ExecStart=/usr/bin/mount-s3 $options $bucket $dir
ExecStop=/usr/bin/fusermount -u $dir
Restart=on-failure

[Install]
WantedBy=remote-fs.target"
    systemctl daemon-reload
    systemctl enable "$unit"
    if ! mountpoint -q "$P$dir"; then systemctl start "$unit"; fi
  done
}

# Lmod from the distribution where it has one; otherwise Spack builds it in petal_section_spack_install.
petal_section_lmod() {
  [ "$PETAL_LMOD_SPEC" = distro ] || return 0
  [ -r "$P/usr/share/lmod/lmod/init/bash" ] && return 0
  petal_install_packages lmod
}

# Spack itself: the pinned release, the site-scope configuration, the release buildcache's keys
# and the OS compilers.
petal_section_spack_setup() {
  local root=$P$PETAL_SPACK_ROOT have
  if [ ! -x "$root/bin/spack" ]; then
    mkdir -p "$(dirname "$root")"
    git clone -c feature.manyFiles=true --depth 1 --branch "v$PETAL_SPACK_VERSION" \
      https://github.com/spack/spack.git "$root"
  fi
  have=$(petal_spack --version | cut -d' ' -f1)
  [ "$have" = "$PETAL_SPACK_VERSION" ] \
    || petal_fail spack-setup "$root holds Spack $have, the plan pins $PETAL_SPACK_VERSION"
  petal_write_file "$root/etc/spack/config.yaml" "$PETAL_FILE_CONFIG"
  petal_write_file "$root/etc/spack/modules.yaml" "$PETAL_FILE_MODULES"
  petal_write_file "$root/etc/spack/packages.yaml" "$PETAL_FILE_PACKAGES"
  if [ -n "$PETAL_FILE_MIRRORS" ]; then
    petal_write_file "$root/etc/spack/mirrors.yaml" "$PETAL_FILE_MIRRORS"
    petal_spack buildcache keys --install --trust
  fi
  petal_spack compiler find --scope site
}

# Compilers first, then one install of the whole environment, then the Lmod tree and the init.
petal_section_spack_install() {
  if [ -f "$P$PETAL_MARKER" ] && [ "$(cat "$P$PETAL_MARKER")" = "$PETAL_FINGERPRINT" ]; then
    echo "petal: software $PETAL_FINGERPRINT already installed"
    return 0
  fi
  local compiler prefix os_gcc lmod_init env=$P$PETAL_ENV_DIR
  for compiler in "${PETAL_COMPILERS[@]}"; do
    petal_spack install --fail-fast -j "$(nproc)" --use-buildcache "$PETAL_BUILDCACHE" "$compiler"
    prefix=$(petal_spack location -i "$compiler")
    petal_spack compiler find --scope site "$prefix"
  done
  os_gcc=$(gcc -dumpfullversion 2>/dev/null || true)
  if [ -n "$os_gcc" ] && [ "gcc@$os_gcc" != "$PETAL_SYSTEM_COMPILER" ]; then
    petal_spack config --scope site add "modules:default:lmod:core_compilers:[gcc@$os_gcc]"
  fi
  if [ "$PETAL_LMOD_SPEC" = distro ]; then
    lmod_init=/usr/share/lmod/lmod/init
  else
    petal_spack install --fail-fast -j "$(nproc)" --use-buildcache "$PETAL_BUILDCACHE" "$PETAL_LMOD_SPEC"
    lmod_init="$(petal_spack location -i "$PETAL_LMOD_SPEC")/lmod/lmod/init"
  fi
  petal_write_file "$env/spack.yaml" "$PETAL_FILE_ENV"
  petal_spack -e "$env" install --fail-fast -j "$(nproc)" --use-buildcache "$PETAL_BUILDCACHE"
  petal_spack -e "$env" module lmod refresh --delete-tree -y
  petal_write_init "$lmod_init"
  petal_write_file "$P$PETAL_MARKER" "$PETAL_FINGERPRINT"
}

# The init every login shell and Slurm job sources (via /opt/slurm/etc/slurm.sh): Lmod, then the
# Core level of the Spack module tree.
petal_write_init() {
  local lmod_init=$1 core sh csh
  sh="if [ -r $(printf %q "$lmod_init/bash") ]; then . $(printf %q "$lmod_init/bash")"
  csh="if ( -r \"$lmod_init/csh\" ) then
  source \"$lmod_init/csh\""
  for core in "$P$PETAL_MODULE_ROOT"/*/Core; do
    [ -d "$core" ] || continue
    core=${core#"$P"}
    sh="$sh; module use $(printf %q "$core")"
    csh="$csh
  module use \"$core\""
  done
  petal_write_file "$P$PETAL_INIT.sh" "# petal: Lmod and the Spack modules of this cluster
export SPACK_ROOT=$(printf %q "$PETAL_SPACK_ROOT")
$sh; fi"
  petal_write_file "$P$PETAL_INIT.csh" "# petal: Lmod and the Spack modules of this cluster
setenv SPACK_ROOT \"$PETAL_SPACK_ROOT\"
$csh
endif"
}

petal_section_software_verify() {
  [ -f "$P$PETAL_MARKER" ] \
    || petal_fail software "no petal software at $PETAL_DATA_ROOT: build it first (petal ami build)"
  local have
  have=$(cat "$P$PETAL_MARKER")
  [ "$have" = "$PETAL_FINGERPRINT" ] \
    || petal_fail software "$PETAL_DATA_ROOT holds software $have, this plan needs $PETAL_FINGERPRINT"
}

# Compute nodes of the shared layouts wait for the head node's install (normally long done).
petal_section_software_wait() {
  local waited=0
  until [ -f "$P$PETAL_MARKER" ] && [ "$(cat "$P$PETAL_MARKER")" = "$PETAL_FINGERPRINT" ]; do
    [ "$waited" -lt "$PETAL_WAIT_SECONDS" ] \
      || petal_fail software "software $PETAL_FINGERPRINT did not appear at $PETAL_DATA_ROOT within ${PETAL_WAIT_SECONDS}s"
    sleep 10
    waited=$((waited + 10))
  done
}

# ParallelCluster exports /opt/slurm from the head node and every node's profile sources
# slurm.sh/slurm.csh, so one line here reaches every login shell and Slurm job (/etc/profile.d is per node).
petal_append_line() {
  local file=$1 line=$2
  touch "$file"
  grep -qxF -- "$line" "$file" || printf '%s\n' "$line" >> "$file"
}

petal_section_login_init() {
  local etc=$P/opt/slurm/etc
  [ -d "$etc" ] || petal_fail login-init "$etc is missing: this is not a ParallelCluster head node"
  petal_append_line "$etc/slurm.sh" "if [ -r $PETAL_INIT.sh ]; then . $PETAL_INIT.sh; fi # petal"
  petal_append_line "$etc/slurm.csh" "if ( -r $PETAL_INIT.csh ) source $PETAL_INIT.csh # petal"
}

# Leaves nothing host-specific or cached in the image: package caches, build stages, SSH host keys, logs.
petal_section_cleanup() {
  if [ -x "$P$PETAL_SPACK_ROOT/bin/spack" ]; then petal_spack clean --stage --downloads --misc-cache --python-cache; fi
  case "$PETAL_PKG" in
    apt) apt-get clean ;;
    dnf) dnf clean all ;;
    *) yum clean all ;;
  esac
  rm -rf "$P"/var/cache/dnf/* "$P"/var/cache/yum/* "$P"/tmp/petal-spack-stage*
  rm -f "$P"/etc/ssh/ssh_host_*
  find "$P/var/log" -type f \( -name '*.log' -o -name '*.gz' \) ! -path "$PETAL_LOG" -delete 2>/dev/null || true
  : > "$PETAL_LOG"
}

petal_main() {
  local only="${PETAL_SECTIONS:-}" expect=""
  while [ "$#" -gt 0 ]; do
    case "$1" in
      --only) only=$2; shift 2 ;;
      --expect-fingerprint) expect=$2; shift 2 ;;
      *) petal_fail start "unknown argument $1" ;;
    esac
  done
  mkdir -p "$(dirname "$PETAL_LOG")"
  exec > >(tee -a "$PETAL_LOG") 2>&1
  trap 'petal_on_error $? "$BASH_COMMAND"' ERR
  [ -z "$expect" ] || [ "$expect" = "$PETAL_FINGERPRINT" ] \
    || petal_fail start "this script belongs to plan $PETAL_FINGERPRINT, the cluster expects $expect"
  local sections=("${PETAL_SECTION_LIST[@]}") section i=0
  if [ -n "$only" ] && [ "$only" != all ]; then
    IFS=, read -r -a sections <<<"$only"
    for section in "${sections[@]}"; do
      declare -F "petal_section_${section//-/_}" >/dev/null || petal_fail start "unknown section $section"
    done
  fi
  petal_progress 0 "start $PETAL_SCRIPT of cluster $PETAL_CLUSTER ($PETAL_LAYOUT layout)"
  for section in "${sections[@]}"; do
    PETAL_STEP=$section
    petal_progress $((i * 100 / ${#sections[@]})) "$section"
    "petal_section_${section//-/_}"
    i=$((i + 1))
  done
  PETAL_STEP='done'
  petal_progress 100 "done"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then petal_main "$@"; fi
""";
}
