using Petal.Spack;

namespace Petal.Capture;

/// <summary>How sure a module → Spack mapping is: a known name and a plain version, a known name with a suffix read as
/// a compiler or variant, or a guess (unknown name lower-cased, or a version Spack cannot read dropped).</summary>
public enum MapConfidence { High, Medium, Low }

/// <summary>One module as listed by `module -t avail`, and the Spack spec it maps to; <see cref="Spec"/> is null for
/// software Spack cannot build (the <see cref="Reason"/> says why), never dropped silently.</summary>
public sealed record ModuleMapping(string Module, string? Spec, MapConfidence Confidence, string? Reason)
{
    public bool IsGuess => Spec is not null && Confidence != MapConfidence.High;
}

/// <summary>
/// The mapping table from module names as they appear on real clusters to Spack packages, and the reading of module
/// versions: "openmpi/4.1.1-gcc-11.2.0" → openmpi@4.1.1 %gcc@11.2.0, "gromacs/2023.1-cuda" → gromacs@2023.1 +cuda,
/// "R/4.3.1" → r@4.3.1. Every spec it produces parses with <see cref="SpecParser"/>.
/// </summary>
public static class ModuleSpackMap
{
    /// <summary>Module name (case-insensitive) → Spack package, one per line "module=package".</summary>
    private const string Table = """
        gcc=gcc
        gnu=gcc
        gnu8=gcc
        gnu9=gcc
        gnu12=gcc
        llvm=llvm
        clang=llvm
        aocc=aocc
        nvhpc=nvhpc
        pgi=nvhpc
        intel=intel-oneapi-compilers
        intel-compilers=intel-oneapi-compilers
        intel-oneapi-compilers=intel-oneapi-compilers
        intel-oneapi-compilers-classic=intel-oneapi-compilers-classic
        intel-oneapi-mpi=intel-oneapi-mpi
        intel-mpi=intel-oneapi-mpi
        impi=intel-oneapi-mpi
        intel-oneapi-mkl=intel-oneapi-mkl
        mkl=intel-oneapi-mkl
        imkl=intel-oneapi-mkl
        intel-oneapi-tbb=intel-oneapi-tbb
        tbb=intel-oneapi-tbb
        intel-oneapi-vtune=intel-oneapi-vtune
        vtune=intel-oneapi-vtune
        intel-oneapi-advisor=intel-oneapi-advisor
        intel-oneapi-dal=intel-oneapi-dal
        intel-oneapi-dnn=intel-oneapi-dnn
        intel-oneapi-ipp=intel-oneapi-ipp
        intel-oneapi-inspector=intel-oneapi-inspector
        openmpi=openmpi
        open-mpi=openmpi
        ompi=openmpi
        mpich=mpich
        mvapich2=mvapich2
        mvapich=mvapich
        cray-mpich=cray-mpich
        hpcx=hpcx-mpi
        hpcx-mpi=hpcx-mpi
        ucx=ucx
        libfabric=libfabric
        cuda=cuda
        cudatoolkit=cuda
        cuda-toolkit=cuda
        cudnn=cudnn
        nccl=nccl
        cutensor=cutensor
        tensorrt=tensorrt
        hip=hip
        rocm=hip
        python=python
        python3=python
        anaconda3=anaconda3
        anaconda=anaconda3
        miniconda3=miniconda3
        miniconda=miniconda3
        miniforge3=miniforge3
        mambaforge=miniforge3
        r=r
        rstudio=rstudio
        julia=julia
        perl=perl
        ruby=ruby
        go=go
        rust=rust
        openjdk=openjdk
        java=openjdk
        jdk=openjdk
        nodejs=node-js
        node=node-js
        lua=lua
        tcl=tcl
        cmake=cmake
        ninja=ninja
        meson=meson
        autoconf=autoconf
        automake=automake
        libtool=libtool
        pkgconf=pkgconf
        git=git
        git-lfs=git-lfs
        subversion=subversion
        make=gmake
        gmake=gmake
        bison=bison
        flex=flex
        swig=swig
        doxygen=doxygen
        boost=boost
        eigen=eigen
        gsl=gsl
        fftw=fftw
        fftw3=fftw
        openblas=openblas
        blas=openblas
        lapack=netlib-lapack
        netlib-lapack=netlib-lapack
        scalapack=netlib-scalapack
        netlib-scalapack=netlib-scalapack
        blis=blis
        libflame=libflame
        aocl=amdblis
        superlu=superlu
        superlu-dist=superlu-dist
        mumps=mumps
        metis=metis
        parmetis=parmetis
        scotch=scotch
        suite-sparse=suite-sparse
        suitesparse=suite-sparse
        hypre=hypre
        petsc=petsc
        slepc=slepc
        trilinos=trilinos
        sundials=sundials
        arpack-ng=arpack-ng
        elpa=elpa
        magma=magma
        hdf5=hdf5
        phdf5=hdf5
        netcdf=netcdf-c
        netcdf-c=netcdf-c
        netcdf-fortran=netcdf-fortran
        netcdf-cxx4=netcdf-cxx4
        pnetcdf=parallel-netcdf
        parallel-netcdf=parallel-netcdf
        adios2=adios2
        zlib=zlib
        szip=libszip
        libszip=libszip
        zstd=zstd
        xz=xz
        bzip2=bzip2
        openssl=openssl
        curl=curl
        libxml2=libxml2
        sqlite=sqlite
        readline=readline
        ncurses=ncurses
        libpng=libpng
        libjpeg-turbo=libjpeg-turbo
        jasper=jasper
        proj=proj
        gdal=gdal
        geos=geos
        udunits=udunits
        udunits2=udunits
        nco=nco
        cdo=cdo
        ncview=ncview
        esmf=esmf
        wrf=wrf
        wps=wps
        gromacs=gromacs
        lammps=lammps
        namd=namd
        amber=amber
        ambertools=ambertools
        cp2k=cp2k
        quantum-espresso=quantum-espresso
        qe=quantum-espresso
        espresso=quantum-espresso
        nwchem=nwchem
        cpmd=cpmd
        siesta=siesta
        abinit=abinit
        octopus=octopus
        openmm=openmm
        plumed=plumed
        orca=orca
        psi4=psi4
        xtb=xtb
        openfoam=openfoam
        openfoam-org=openfoam-org
        su2=su2
        nektar=nektar
        paraview=paraview
        visit=visit
        vmd=vmd
        gnuplot=gnuplot
        imagemagick=imagemagick
        ffmpeg=ffmpeg
        blast=blast-plus
        blast-plus=blast-plus
        bwa=bwa
        bowtie=bowtie
        bowtie2=bowtie2
        samtools=samtools
        bcftools=bcftools
        htslib=htslib
        bedtools=bedtools2
        bedtools2=bedtools2
        gatk=gatk
        picard=picard
        star=star
        hisat2=hisat2
        salmon=salmon
        kallisto=kallisto
        trimmomatic=trimmomatic
        fastqc=fastqc
        spades=spades
        trinity=trinity
        minimap2=minimap2
        mafft=mafft
        muscle=muscle
        raxml=raxml
        iqtree2=iqtree2
        mrbayes=mrbayes
        hmmer=hmmer
        diamond=diamond
        prokka=prokka
        nextflow=nextflow
        snakemake=snakemake
        singularity=singularity
        singularityce=singularityce
        apptainer=apptainer
        charliecloud=charliecloud
        tensorflow=py-tensorflow
        py-tensorflow=py-tensorflow
        pytorch=py-torch
        torch=py-torch
        py-torch=py-torch
        keras=py-keras
        numpy=py-numpy
        scipy=py-scipy
        mpi4py=py-mpi4py
        jupyter=py-jupyter
        jupyterlab=py-jupyterlab
        horovod=py-horovod
        opencv=opencv
        valgrind=valgrind
        gdb=gdb
        ddt=linaro-forge
        linaro-forge=linaro-forge
        tau=tau
        hpctoolkit=hpctoolkit
        scorep=scorep
        score-p=scorep
        darshan-runtime=darshan-runtime
        papi=papi
        likwid=likwid
        osu-micro-benchmarks=osu-micro-benchmarks
        hpl=hpl
        stream=stream
        ior=ior
        mdtest=ior
        hwloc=hwloc
        numactl=numactl
        htop=htop
        tmux=tmux
        emacs=emacs
        vim=vim
        parallel=parallel
        rclone=rclone
        """;

    /// <summary>Licensed or vendor-only software: never a Spack spec, listed in the seed with this reason.</summary>
    private const string Unmappable = """
        matlab=licensed (MathWorks); install it on the new cluster from the vendor's installer
        mathematica=licensed (Wolfram); install it from the vendor's installer
        ansys=licensed (Ansys); install it from the vendor's installer
        fluent=licensed (Ansys Fluent); install it from the vendor's installer
        abaqus=licensed (Dassault Systèmes); install it from the vendor's installer
        comsol=licensed (COMSOL); install it from the vendor's installer
        gaussian=licensed (Gaussian, Inc.); Spack only wraps a tarball you must supply
        vasp=licensed (VASP Software GmbH); Spack needs the licensed source you must supply
        stata=licensed (StataCorp); install it from the vendor's installer
        sas=licensed (SAS Institute); install it from the vendor's installer
        idl=licensed (L3Harris); install it from the vendor's installer
        star-ccm+=licensed (Siemens); install it from the vendor's installer
        starccm=licensed (Siemens); install it from the vendor's installer
        lsdyna=licensed (Ansys LS-DYNA); install it from the vendor's installer
        totalview=licensed (Perforce); install it from the vendor's installer
        schrodinger=licensed (Schrödinger); install it from the vendor's installer
        gurobi=licensed (Gurobi); Spack only wraps a tarball you must supply
        cplex=licensed (IBM); install it from the vendor's installer
        """;

    private static readonly Dictionary<string, string> Packages = ReadTable(Table);
    private static readonly Dictionary<string, string> Reasons = ReadTable(Unmappable);

    /// <summary>Version suffix words read as a variant ("-cuda" → +cuda).</summary>
    private static readonly Dictionary<string, string> VariantWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cuda"] = "+cuda", ["gpu"] = "+cuda", ["rocm"] = "+rocm", ["mpi"] = "+mpi", ["openmp"] = "+openmp",
        ["omp"] = "+openmp", ["serial"] = "~mpi", ["nompi"] = "~mpi", ["double"] = "+double", ["plumed"] = "+plumed",
    };

    /// <summary>Version suffix words read as the compiler the module was built with ("-gcc-11.2.0" → %gcc@11.2.0).</summary>
    private static readonly Dictionary<string, string> CompilerWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gcc"] = "gcc", ["gnu"] = "gcc", ["intel"] = "intel", ["oneapi"] = "oneapi", ["nvhpc"] = "nvhpc",
        ["pgi"] = "nvhpc", ["clang"] = "clang", ["llvm"] = "clang", ["aocc"] = "aocc",
    };

    /// <summary>Every module name the table knows (mapped or listed as unmappable).</summary>
    public static IReadOnlyCollection<string> KnownNames => Packages.Keys;

    public static IReadOnlyCollection<string> UnmappableNames => Reasons.Keys;

    /// <summary>The Spack package a module name maps to, if the table knows it.</summary>
    public static string? PackageFor(string moduleName) => Packages.GetValueOrDefault(moduleName);

    /// <summary>Map one module ("name" or "name/version", Lmod's markers already removed).</summary>
    public static ModuleMapping Map(string module)
    {
        var slash = module.LastIndexOf('/');
        var name = slash < 0 ? module : module[..slash];
        var version = slash < 0 ? "" : module[(slash + 1)..];
        // Lmod hierarchies name the family in the path ("Core/gcc/11.2.0", "MPI/gcc/11.2.0/openmpi/4.1.1"): the
        // package is the last path part before the version.
        var bare = name.Contains('/') ? name[(name.LastIndexOf('/') + 1)..] : name;
        if (Reasons.TryGetValue(bare, out var reason)) return new ModuleMapping(module, null, MapConfidence.High, reason);
        var known = Packages.TryGetValue(bare, out var package);
        var confidence = known ? MapConfidence.High : MapConfidence.Low;
        package ??= bare.ToLowerInvariant();
        if (!SpecParser.TryParse(package, out var parsedName, out _) || parsedName.Name != package)
            return new ModuleMapping(module, null, MapConfidence.Low, $"'{bare}' is not a name Spack can read; add it to the seed by hand");
        var (versionText, extras, demoted) = ReadVersion(version);
        if (demoted && confidence == MapConfidence.High) confidence = MapConfidence.Medium;
        var spec = package + (versionText.Length > 0 ? "@" + versionText : "") + string.Concat(extras.Select(e => " " + e));
        if (!SpecParser.TryParse(spec, out _, out _))
            return new ModuleMapping(module, package, MapConfidence.Low, null);
        return new ModuleMapping(module, spec, confidence, null);
    }

    /// <summary>"4.1.1-gcc-11.2.0" → ("4.1.1", ["%gcc@11.2.0"], true); "2023.1-cuda" → ("2023.1", ["+cuda"], true);
    /// "11.8.0" → ("11.8.0", [], false). A version Spack cannot read is dropped (and the mapping a guess).</summary>
    private static (string Version, List<string> Extras, bool Demoted) ReadVersion(string version)
    {
        var extras = new List<string>();
        if (version.Length == 0) return ("", extras, false);
        var parts = version.Split('-', '_');
        // The version is the first part that starts with a digit ("py310_23.5.2" → 23.5.2); the rest are compiler
        // and variant words.
        var at = Array.FindIndex(parts, p => p.Length > 0 && char.IsAsciiDigit(p[0]));
        if (at < 0) return ("", extras, true);
        var head = parts[at];
        var demoted = parts.Length > 1;
        for (var i = at + 1; i < parts.Length; i++)
        {
            if (CompilerWords.TryGetValue(parts[i], out var compiler))
            {
                var next = i + 1 < parts.Length && parts[i + 1].Length > 0 && char.IsAsciiDigit(parts[i + 1][0]) && IsPlainVersion(parts[i + 1]) ? parts[++i] : null;
                extras.Add("%" + compiler + (next is null ? "" : "@" + next));
            }
            else if (VariantWords.TryGetValue(parts[i], out var variant) && !extras.Contains(variant)) extras.Add(variant);
        }
        if (!IsPlainVersion(head)) return ("", extras, true);
        return (head, extras, demoted);
    }

    private static bool IsPlainVersion(string text) =>
        text.Length is > 0 and <= 64 && char.IsLetterOrDigit(text[0]) &&
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && SpackVersion.TryParse(text, out _);

    private static Dictionary<string, string> ReadTable(string table)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=');
            map.Add(line[..eq], line[(eq + 1)..]);
        }
        return map;
    }
}
