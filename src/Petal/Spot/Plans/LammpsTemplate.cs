namespace Petal.Spot.Plans;

/// <summary>
/// The default workload: LAMMPS's Lennard-Jones melt benchmark (bench/in.lj) replicated X × Y × Z, run with
/// NP MPI ranks, at most CPU per node — the template the spot seed uses, as a Slurm batch script. Works with
/// Debian's `lammps` package (binary `lmp`) and Open MPI.
/// </summary>
public static class LammpsTemplate
{
    public const string Text = """
        #!/bin/bash
        #SBATCH --job-name=lammps-[[TAG]]
        #SBATCH --nodes=[[NODES]]
        #SBATCH --ntasks=[[NP]]
        #SBATCH --ntasks-per-node=[[CPU]]
        set -euo pipefail
        mkdir -p "lammps-[[TAG]]" && cd "lammps-[[TAG]]"
        cat > in.lj <<'LAMMPS'
        # 3d Lennard-Jones melt (LAMMPS bench/in.lj)
        variable x index 1
        variable y index 1
        variable z index 1
        variable xx equal 20*$x
        variable yy equal 20*$y
        variable zz equal 20*$z
        units lj
        atom_style atomic
        lattice fcc 0.8442
        region box block 0 ${xx} 0 ${yy} 0 ${zz}
        create_box 1 box
        create_atoms 1 box
        mass 1 1.0
        velocity all create 1.44 87287 loop geom
        pair_style lj/cut 2.5
        pair_coeff 1 1 1.0 1.0 2.5
        neighbor 0.3 bin
        neigh_modify delay 0 every 20 check no
        fix 1 all nve
        run 100
        LAMMPS
        # Open MPI refuses root unless told; jobs submitted by root on a test twin need it.
        if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
        export OMP_NUM_THREADS=1
        echo "petal-spot: host $(hostname) tag [[TAG]]"
        mpirun -np [[NP]] lmp -var x [[X]] -var y [[Y]] -var z [[Z]] -in in.lj -log log.lammps -nocite
        """;
}
