#!/usr/bin/env bash
# Installs the Debian packages petal's tests and local twin need. Idempotent: safe to run again.
set -euo pipefail

packages=(
  # local twin: real Slurm + munge + Lmod
  slurmctld slurmd slurm-client munge lmod
  # local twin with Slurm accounting (seed scheduler.accounting): slurmdbd and a private MariaDB instance
  slurmdbd mariadb-server mariadb-client
  # software the twin serves as modules (gcc, MPI, python, cmake, LAMMPS, hwloc)
  gcc g++ gfortran make cmake python3 openmpi-bin libopenmpi-dev lammps hwloc
  # bootstrap script checks, SSH transport tests, local mount namespaces, misc
  shellcheck openssh-server openssh-client util-linux procps iproute2 curl ca-certificates git
  postgresql  # garden service store tests and bench: a throwaway PostgreSQL cluster under a temp dir
  zlib1g-dev  # Native AOT link of the installed tool's entry point (src/Petal.Native; with gcc above)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
