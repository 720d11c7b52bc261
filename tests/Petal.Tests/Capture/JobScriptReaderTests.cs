using Petal.Capture;

namespace Petal.Tests.Capture;

/// <summary>Batch scripts shaped like the ones on real clusters, each with what it asks for, summarised as
/// "scheduler queue time array | nodes/tasks/cpus-per-task/mem-per-node/mem-per-cpu/gpus/model/exclusive ... | modules".</summary>
public class JobScriptReaderTests
{
    private static string Summary(JobRequest r) =>
        $"{r.Scheduler} {r.Queue ?? "-"} {r.TimeSeconds?.ToString() ?? "-"} {r.Array ?? "-"} | " +
        string.Join(" + ", r.Components.Select(c =>
            $"{c.Nodes}/{c.Tasks}/{c.CpusPerTask}/{c.MemoryMbPerNode?.ToString() ?? "-"}/{c.MemoryMbPerCpu?.ToString() ?? "-"}/{c.GpusPerNode}/{c.GpuModel ?? "-"}/{(c.Exclusive ? "x" : "-")}")) +
        " | " + string.Join(",", r.Modules);

    public static TheoryData<string, string> Scripts() => new()
    {
        // Slurm
        { "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --ntasks-per-node=32\n#SBATCH --time=01:00:00\n#SBATCH -p compute\nmodule load openmpi/4.1.1-gcc-11.2.0\nsrun ./a.out\n",
          "Slurm compute 3600 - | 2/64/1/-/-/0/-/- | openmpi/4.1.1-gcc-11.2.0" },
        { "#!/bin/bash\n#SBATCH -N 1\n#SBATCH -n 4\n#SBATCH -c 8\n#SBATCH --mem=32G\n#SBATCH -t 30\npython run.py\n",
          "Slurm - 1800 - | 1/4/8/32768/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --array=1-100%10\n#SBATCH --mem-per-cpu=2000\n#SBATCH --time=0-02:00:00\nmodule load R/4.3.1\nRscript x.R $SLURM_ARRAY_TASK_ID\n",
          "Slurm - 7200 1-100%10 | 1/1/1/-/2000/0/-/- | R/4.3.1" },
        { "#!/bin/bash\n#SBATCH --gres=gpu:a100:2\n#SBATCH --partition=gpu\n#SBATCH --cpus-per-task=16\nmodule load cuda/11.8.0 gromacs/2023.1-cuda\ngmx mdrun\n",
          "Slurm gpu - - | 1/1/16/-/-/2/a100/- | cuda/11.8.0,gromacs/2023.1-cuda" },
        { "#!/bin/bash\n#SBATCH --nodes=4\n#SBATCH --gpus-per-node=4\n#SBATCH --exclusive\n#SBATCH --time=2-00:00:00\nml load nccl cuda/12.2.0\n",
          "Slurm - 172800 - | 4/4/1/-/-/4/-/x | nccl,cuda/12.2.0" },
        { "#!/bin/bash\n#SBATCH --job-name=het\n#SBATCH -N 1 -n 1 --mem=4G\n#SBATCH hetjob\n#SBATCH -N 8 --ntasks-per-node=64\nsrun : srun\n",
          "Slurm - - - | 1/1/1/4096/-/0/-/- + 8/512/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH -n 2\n#SBATCH packjob\n#SBATCH -n 4 --gres=gpu:1\n",
          "Slurm - - - | 1/2/1/-/-/0/-/- + 1/4/1/-/-/1/-/- | " },
        { "#!/bin/bash\n#SBATCH --exclusive\n#SBATCH --nodes 16\n#SBATCH --ntasks 1024\n#SBATCH --time 12:00:00\n",
          "Slurm - 43200 - | 16/1024/1/-/-/0/-/x | " },
        { "#!/bin/bash\n#SBATCH --partition=short,long\n#SBATCH --time=5:30\n",
          "Slurm short 330 - | 1/1/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --mem=500M\n#SBATCH --time=UNLIMITED\n",
          "Slurm - - - | 1/1/1/500/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --gpus=8\n#SBATCH --nodes=2\n",
          "Slurm - - - | 2/2/1/-/-/4/-/- | " },
        { "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --gpus=v100:8\n",
          "Slurm - - - | 2/2/1/-/-/4/v100/- | " },
        { "#!/bin/bash\n#SBATCH --gres=gpu:1,tmpdisk:100\n#SBATCH --mem=1T\n",
          "Slurm - - - | 1/1/1/1048576/-/1/-/- | " },
        { "#!/bin/bash\n#SBATCH -J test -o out.%j -e err.%j -A proj -q normal\n#SBATCH -N2\n",
          "Slurm - - - | 2/2/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --nodes=1-4\n#SBATCH --time=1-12\n",
          "Slurm - 129600 - | 1/1/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --ntasks=8 # eight ranks\n#SBATCH --time=10\nmodule purge\nmodule load intel-oneapi-mpi/2021.9 intel-oneapi-compilers/2023.1.0\nmpirun ./x\n#SBATCH --nodes=99\n",
          "Slurm - 600 - | 1/8/1/-/-/0/-/- | intel-oneapi-mpi/2021.9,intel-oneapi-compilers/2023.1.0" },
        { "#!/bin/bash\n#SBATCH --gres=gpu:tesla:4\n#SBATCH --gres-flags=enforce-binding\n",
          "Slurm - - - | 1/1/1/-/-/4/tesla/- | " },
        { "#!/bin/bash\n#SBATCH --cpus-per-task=4\n#SBATCH --mem-per-cpu=4G\nmodule add anaconda3/2023.03\nsource activate env\n",
          "Slurm - - - | 1/1/4/-/4096/0/-/- | anaconda3/2023.03" },
        { "#!/bin/bash\n\n#SBATCH --array=0-9\n\n#SBATCH --time=00:05:00\nmodule load python/3.11.4 # py\n",
          "Slurm - 300 0-9 | 1/1/1/-/-/0/-/- | python/3.11.4" },
        { "#!/bin/bash\r\n#SBATCH --nodes=3\r\n#SBATCH --ntasks-per-node=2\r\n",
          "Slurm - - - | 3/6/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --requeue\n#SBATCH --exclusive\n#SBATCH --nodes=2\n",
          "Slurm - - - | 2/2/1/-/-/0/-/x | " },
        { "#!/bin/bash\n#SBATCH --mem=64gb\n#SBATCH -p bigmem\n",
          "Slurm bigmem - - | 1/1/1/65536/-/0/-/- | " },
        // PBS
        { "#!/bin/bash\n#PBS -l select=2:ncpus=32:mpiprocs=32:mem=64gb:ngpus=1\n#PBS -l walltime=04:00:00\n#PBS -q workq\nmodule load openmpi\nmpiexec ./a\n",
          "Pbs workq 14400 - | 2/64/1/65536/-/1/-/- | openmpi" },
        { "#!/bin/bash\n#PBS -N job\n#PBS -l nodes=4:ppn=16\n#PBS -l walltime=48:00:00\n",
          "Pbs - 172800 - | 4/64/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#PBS -J 1-50\n#PBS -l select=1:ncpus=4:mem=8gb\n",
          "Pbs - - 1-50 | 1/4/1/8192/-/0/-/- | " },
        { "#!/bin/bash\n#PBS -l select=1:ncpus=48:mpiprocs=4:ompthreads=12\n#PBS -l place=scatter:excl\n",
          "Pbs - - - | 1/4/12/-/-/0/-/x | " },
        { "#!/bin/bash\n#PBS -l walltime=00:30:00,mem=16gb\n#PBS -q gpu\n#PBS -l select=1:ncpus=8:ngpus=2:gpu_model=a100\n",
          "Pbs gpu 1800 - | 1/8/1/16384/-/2/a100/- | " },
        { "#!/bin/sh\n#PBS -l nodes=1\n#PBS -o out -e err -j oe\ncd $PBS_O_WORKDIR\nmodule load matlab/R2023a\nmatlab -batch run\n",
          "Pbs - - - | 1/1/1/-/-/0/-/- | matlab/R2023a" },
        { "#!/bin/bash\n#PBS -lselect=3:ncpus=16\n#PBS -lwalltime=1:00:00\n",
          "Pbs - 3600 - | 3/48/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#PBS -l mem=1048576kb\n",
          "Pbs - - - | 1/1/1/1024/-/0/-/- | " },
        { "#!/bin/bash\n#PBS -l ncpus=12\n#PBS -l ngpus=1\n",
          "Pbs - - - | 1/12/1/-/-/1/-/- | " },
        // SGE
        { "#!/bin/bash\n#$ -pe mpi 64\n#$ -l h_rt=08:00:00\n#$ -q all.q\n#$ -cwd\nmodule load openmpi/4.1.5\n",
          "Sge all.q 28800 - | 1/64/1/-/-/0/-/- | openmpi/4.1.5" },
        { "#!/bin/bash\n#$ -t 1-1000\n#$ -l h_vmem=4G,h_rt=0:10:0\n#$ -N arr\n",
          "Sge - 600 1-1000 | 1/1/1/-/4096/0/-/- | " },
        { "#!/bin/bash\n#$ -pe smp 16\n#$ -l exclusive=true\n#$ -q long.q@node01\n",
          "Sge long.q - - | 1/16/1/-/-/0/-/x | " },
        { "#!/bin/bash\n#$ -l gpu=2\n#$ -l h_rt=24:00:00\n#$ -V\n#$ -j y\n",
          "Sge - 86400 - | 1/1/1/-/-/2/-/- | " },
        { "#!/bin/bash\n#$ -pe orte 8-32\n#$ -l mem_free=2G\n",
          "Sge - - - | 1/32/1/-/2048/0/-/- | " },
        { "#!/bin/bash\n#$ -S /bin/bash\n#$ -o /dev/null\n",
          "Sge - - - | 1/1/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#$ -l m_mem_free=8G\n#$ -pe threaded 4\nmodule load samtools/1.17 bwa/0.7.17\n",
          "Sge - - - | 1/4/1/-/8192/0/-/- | samtools/1.17,bwa/0.7.17" },
        { "#!/bin/bash\n#$ -l h_rt=3600\n",
          "Sge - 216000 - | 1/1/1/-/-/0/-/- | " },
        { "#!/bin/bash\n#SBATCH --ntasks=1\nexport OMP_NUM_THREADS=4\nmodule load gcc/12.2.0; ./run\n",
          "Slurm - - - | 1/1/1/-/-/0/-/- | gcc/12.2.0" },
        { "#!/bin/bash\n#SBATCH --ntasks=2\nmodule load -s lammps/2Aug2023\n",
          "Slurm - - - | 1/2/1/-/-/0/-/- | lammps/2Aug2023" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Reads_what_the_script_asks_for(string script, string expected)
    {
        var result = JobScriptReader.Read("job.sh", script);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, Summary(result.Request!));
    }

    public static TheoryData<string, int, string> Malformed() => new()
    {
        { "#!/bin/bash\n#SBATCH --nodes=two\n", 2, "--nodes must be a whole number" },
        { "#!/bin/bash\n#SBATCH --time=1:xx\n", 2, "time '1:xx' is not a duration" },
        { "#!/bin/bash\n#SBATCH --mem=lots\n", 2, "--mem 'lots' is not a memory size" },
        { "#!/bin/bash\n#SBATCH nodes=2\n", 2, "'nodes=2' is not an option" },
        { "#!/bin/bash\n#SBATCH -n 1\n#PBS -l walltime=1:00:00\n", 3, "a Pbs directive in a Slurm script" },
        { "#!/bin/bash\necho hello\n", 1, "no #SBATCH, #PBS or #$ directive" },
        { "#!/bin/bash\n#PBS -l select=x:ncpus=4\n", 2, "select must be a whole number" },
        { "#!/bin/bash\n#PBS -l walltime\n", 2, "'-l walltime' has no value" },
        { "#!/bin/bash\n#$ -pe mpi many\n", 2, "-pe must be a whole number" },
        { "#!/bin/bash\n#SBATCH --ntasks=0\n", 2, "from 1 to" },
        { "#!/bin/bash\n#SBATCH --ntasks=99999999999\n", 2, "from 1 to" },
        { "#!/bin/bash\n#SBATCH -n 1\nmodule load $MYMOD\n", 3, "computed at run time" },
        { "#!/bin/bash\n#SBATCH -Z\n", 2, "unknown short option" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_scripts_name_the_line_and_give_no_request(string script, int line, string message)
    {
        var result = JobScriptReader.Read("bad.sh", script);
        Assert.Null(result.Request);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"bad.sh:{line}: ", error.ToString());
    }

    [Fact]
    public void Every_error_of_a_script_is_reported_at_once()
    {
        var result = JobScriptReader.Read("bad.sh", "#SBATCH --nodes=x\n#SBATCH --mem=y\n#SBATCH --time=z\n");
        Assert.Equal([1, 2, 3], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Random_directives_never_throw()
    {
        var random = new Random(4040);
        string[] words = ["#SBATCH", "#PBS", "#$", "--nodes=", "-N", "-l", "select=", ":", "=", "gpu", "1", "-1", "99999999999999", "G", "-pe", "--gres=", "hetjob", "--time=", "-", "::", "\n", " ", "module load", "$x"];
        for (var n = 0; n < 3000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => words[random.Next(words.Length)]));
            var result = JobScriptReader.Read("r.sh", text);
            Assert.True(result.Request is not null ^ result.Errors.Count > 0, text);
        }
    }

    [Fact]
    public void Oversized_scripts_are_refused() =>
        Assert.NotEmpty(JobScriptReader.Read("big.sh", new string('#', JobScriptReader.MaxBytes + 1)).Errors);
}
