using Petal.Plans;
using Petal.Seeds;
using Petal.Common;

namespace Petal.Providers.Local;

/// <summary>What the twin's scripts need to know besides its directory.</summary>
public sealed record TwinScriptOptions(SoftwareLayout Layout, bool BrokenSoftwareView, IReadOnlyList<TwinMount>? Mounts = null)
{
    public LayoutPaths Paths => LayoutPaths.For(Layout);

    /// <summary>Nodes boot an image with /opt/spack in it (ami: the software; hybrid: Spack itself).</summary>
    public bool BootsImage => !LayoutPaths.For(Layout).SoftwareRoot.StartsWith(LayoutPaths.SharedMount + "/", StringComparison.Ordinal);
}

/// <summary>
/// The bash scripts and small files a twin runs from (pure renderers). Nodes boot through one script,
/// node-start.sh, whether petal starts a static node or slurmctld's ResumeProgram a dynamic one, so both
/// see the same root view. Every path comes from <see cref="TwinLayout"/> (none is spelled here) and every literal is
/// quoted with <see cref="ShellQuote.Single"/>.
/// </summary>
public static class TwinScripts
{
    private const string Header = "#!/bin/bash\n";
    private const string LmodInit = "/usr/share/lmod/lmod/init/bash";

    public static string NodeStart(TwinLayout t, TwinScriptOptions o)
    {
        var copyImage = o.BootsImage
            ? $"""
              # Booting the AMI: the node gets its own copy of the image (hard links: fast, and edits stay on the node).
              rm -rf {PerNode(t.NodeDir)}
              mkdir -p {PerNode(t.NodeDir)}
              cp -al {Q(t.ImageSpack)} {PerNode(t.NodeSpack)}

              """
            : "";
        return Header + $"""
            # petal local twin {t.Name}: boot one compute node (static nodes at create, dynamic ones from ResumeProgram).
            set -eu
            node="$1"
            case "$node" in ''|*[!a-z0-9-]*) echo "node-start: bad node name '$node'" >&2; exit 2 ;; esac
            pidfile={PerNode(t.SlurmdPidFile)}
            if [ -f "$pidfile" ] && grep -qF {OwnRoot(t)} "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null; then exit 0; fi
            mkdir -p {PerNode(t.NodeSpoolDir)}
            {copyImage}# perl clears the signal mask slurmscriptd leaves blocked (else slurmd ignores SIGTERM) and starts
            # a session; unshare gives the node its own mount namespace; node-ns.sh execs slurmd, so $! is slurmd's pid.
            perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; POSIX::setsid(); exec @ARGV or die "exec: $!"' \
              unshare --mount --propagation private {Q(t.NodeNamespaceScript)} "$node" >>{PerNode(t.NodeLog)} 2>&1 </dev/null &
            echo $! >"$pidfile"

            """;
    }

    public static string NodeNamespace(TwinLayout t, TwinScriptOptions o)
    {
        var spack = o.BootsImage ? PerNode(t.NodeSpack) : Q(t.EmptyDir);
        var broken = o.BrokenSoftwareView
            ? $"# Test-only broken view: the software exists on the head node only.\nmount --bind {Q(t.EmptyDir)} {Q(o.Paths.DataRoot)}\n"
            : "";
        return Header + $"""
            # petal local twin {t.Name}: inside one node's private mount namespace; nothing mounted here reaches the host.
            set -eu
            node="$1"
            mount --bind {spack} {Q(TwinLayout.ViewSpack)}
            {SharedMounts(t)}
            {Mounts(o, t)}{broken}# fakeboot makes slurmd report a boot after the resume request (local-components.md §1.5).
            exec env LD_PRELOAD={Q(t.Fakeboot)} /usr/sbin/slurmd -D -N "$node" -f {Q(t.SlurmConf)}

            """;
    }

    public static string HeadNamespace(TwinLayout t, TwinScriptOptions o)
    {
        var spack = o.BootsImage ? Q(t.HeadSpack) : Q(t.EmptyDir);
        return Header + $"""
            # petal local twin {t.Name}: the head node's view (run under unshare --mount --propagation private), then "$@".
            set -eu
            mount --bind {spack} {Q(TwinLayout.ViewSpack)}
            {SharedMounts(t)}
            {Mounts(o, t)}# Forget any Lmod state of the calling shell: the login profile sets up this cluster's modules.
            for v in $(compgen -v _ModuleTable) LOADEDMODULES _LMFILES_ MODULEPATH_ROOT; do unset "$v"; done
            export MODULEPATH={Q(o.Paths.ModuleRoot)}
            export BASH_ENV={LmodInit}
            export SLURM_CONF={Q(t.SlurmConf)}
            export PETAL_CLUSTER={Q(t.Name)}
            exec "$@"

            """;
    }

    /// <summary>
    /// The seed's mounts, after /shared and /home (a mount point may lie under them): each emulated one binds its
    /// directory (<see cref="TwinLayout.MountDir"/>), remounted read-only where the seed says so (root included, EROFS).
    /// </summary>
    private static string Mounts(TwinScriptOptions o, TwinLayout t)
    {
        var lines = new System.Text.StringBuilder();
        var mounts = o.Mounts ?? [];
        for (var i = 0; i < mounts.Count; i++)
        {
            var m = mounts[i];
            if (!m.Emulated || m.IsTwinHome) continue;
            var dir = ShellQuote.Single(m.MountDir);
            lines.Append($"mkdir -p {dir} && mount --bind {Q(t.MountDir(i))} {dir}\n");
            if (m.ReadOnly) lines.Append($"mount -o remount,bind,ro {dir}\n");
        }
        return lines.Length == 0 ? "" : $"# The seed's {mounts.Count} mount(s) (docs/local-twin.md#mounts).\n" + lines;
    }

    public static string Resume(TwinLayout t) => Header + $"""
        # petal local twin {t.Name}: ResumeProgram. Powering up a node boots its slurmd.
        export SLURM_CONF={Q(t.SlurmConf)}
        # launch-type.sh records which type the node launches as; a failure there must not stop the boot.
        for node in $(scontrol show hostnames "$1"); do {Q(t.LaunchTypeScript)} "$node"; {Q(t.NodeStartScript)} "$node"; done

        """;

    /// <summary>
    /// Called by ResumeProgram per node: the instance type the node launches as, emulating an EC2 fleet with
    /// price-capacity-optimized. Its fleet's types are listed cheapest first; launches take them round-robin,
    /// from the first after each (re)configuration, so consecutive launches spread over the types.
    /// </summary>
    public static string LaunchType(TwinLayout t) => Header + $"""
        # petal local twin {t.Name}: which instance type a powering-up dynamic node launches as (docs/local-twin.md).
        set -eu
        node="$1"
        case "$node" in ''|*[!a-z0-9-]*) echo "launch-type: bad node name '$node'" >&2; exit 2 ;; esac
        fleet="${"{node%-*}"}"
        types={PerNode(t.LaunchTypesFile, "fleet")}
        [ -s "$types" ] || exit 0
        mapfile -t list <"$types"
        # ResumeProgram runs may overlap: one launch of the fleet at a time.
        exec 9<"$types"
        flock 9
        counter={PerNode(t.LaunchCounter, "fleet")}
        count=$(cat "$counter" 2>/dev/null || true)
        case "$count" in ''|*[!0-9]*) count=0 ;; esac
        pick=$((count % ${"{#list[@]}"}))
        echo $((count + 1)) >"$counter"
        record={PerNode(t.LaunchRecord)}
        printf '%s %s\n' "${"{list[pick]}"}" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$record.tmp"
        mv "$record.tmp" "$record"

        """;

    /// <summary>
    /// PrologSlurmctld: waits until the job's nodes have booted. Slurm 22.05 otherwise starts a job that waits on a
    /// powering-up node only in its 30 s periodic pass; when this prolog ends, slurmctld starts the job at once.
    /// Always exits 0: on timeout Slurm's own ResumeTimeout handling takes over.
    /// </summary>
    public static string PrologSlurmctld(TwinLayout t, int resumeTimeoutSeconds) => Header + $"""
        # petal local twin {t.Name}: PrologSlurmctld. Returns once the job's nodes are up, so the job starts at once.
        export SLURM_CONF={Q(t.SlurmConf)}
        nodes="${"{SLURM_JOB_NODELIST:-}"}"
        [ -n "$nodes" ] || exit 0
        for _ in $(seq {resumeTimeoutSeconds * 10}); do
          case "$(scontrol -o show node "$nodes" 2>/dev/null)" in
            *POWERED_DOWN*|*POWERING_UP*|*NOT_RESPONDING*) sleep 0.1 ;;
            *) exit 0 ;;
          esac
        done
        exit 0

        """;

    public static string Suspend(TwinLayout t) => Header + $"""
        # petal local twin {t.Name}: SuspendProgram. Powering down stops the node's slurmd, drops its disk and its launched type.
        export SLURM_CONF={Q(t.SlurmConf)}
        for node in $(scontrol show hostnames "$1"); do
          rm -f {PerNode(t.LaunchRecord)}
          pidfile={PerNode(t.SlurmdPidFile)}
          pid=$(cat "$pidfile" 2>/dev/null) || continue
          if grep -qF {OwnRoot(t)} "/proc/$pid/cmdline" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
          fi
          rm -f "$pidfile"
          rm -rf {PerNode(t.NodeDir)}
        done

        """;

    /// <summary>The head node's exports and the cluster's module path, bound where a node of the cluster sees them.</summary>
    private static string SharedMounts(TwinLayout t) =>
        $"mount --bind {Q(t.HeadShared)} {Q(TwinLayout.ViewShared)}\nmount --bind {Q(t.HeadHome)} {Q(TwinLayout.ViewHome)}\n" +
        $"mount --bind {Q(t.ModulesPathFile)} {Q(TwinLayout.ViewModulesPath)}";

    /// <summary>The twin's root with a trailing slash: a process whose command line holds it belongs to this twin.</summary>
    private static string OwnRoot(TwinLayout t) => Q(t.Root + "/");

    private static string Q(string value) => ShellQuote.Single(value);

    private const string Mark = "\u0001";

    /// <summary>
    /// A per-node (or per-fleet) path of <see cref="TwinLayout"/> as a bash word: the layout computes it once with a
    /// marker for the name, each literal part is single-quoted and the marker becomes "$<paramref name="variable"/>",
    /// so the scripts spell no path of their own. The variable holds a checked name ([a-z0-9-]).
    /// </summary>
    private static string PerNode(Func<string, string> path, string variable = "node") =>
        string.Join($"\"${variable}\"", path(Mark).Split(Mark).Select(part => part.Length == 0 ? "" : Q(part)));

    /// <summary>Every task of every job gets the cluster's module tree and Lmod's init, as ParallelCluster's Slurm prolog setup does.</summary>
    public static string TaskProlog(TwinScriptOptions o) => Header + $"""
        # petal: TaskProlog. Lines "export NAME=value" become the task's environment.
        M={ShellQuote.Single(o.Paths.ModuleRoot)}
        case ":${"{MODULEPATH:-}"}:" in *":$M:"*) ;; *) echo "export MODULEPATH=$M${"{MODULEPATH:+:$MODULEPATH}"}" ;; esac
        echo "export BASH_ENV={LmodInit}"

        """;

    public static string ModulesPath(TwinScriptOptions o) => o.Paths.ModuleRoot + "\n";

    /// <summary>LD_PRELOAD shim: uptime counted from the process start, so slurmctld sees a node that just booted.</summary>
    public const string FakebootSource = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <sys/sysinfo.h>
        #include <time.h>
        static time_t t_start;
        __attribute__((constructor)) static void init(void) { t_start = time(NULL); }
        int sysinfo(struct sysinfo *info) {
          static int (*real)(struct sysinfo *);
          if (!real) real = (int (*)(struct sysinfo *))dlsym(RTLD_NEXT, "sysinfo");
          int rc = real(info);
          if (rc == 0) info->uptime = (long)(time(NULL) - t_start);
          return rc;
        }

        """;
}
