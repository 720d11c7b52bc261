#!/usr/bin/env python3
"""Writes the JGF cluster folders of the garden example (rainbow's scheduler experiment, made real).

Each MiniCluster of rainbow-experiments/experiments/scheduler becomes a JGF node graph
(cluster "0" > rack > node > socket > core) whose node vertices carry arch/os/memory/disk,
plus a `software` subsystem linking every node to its packages. Run from this folder.
"""
import json, os

CLUSTERS = {
    # name: (arch, os, os_version, nodes, cores/node, memory, disk, packages)
    "ubuntu-amd-jammy": ("amd64", "ubuntu", "22.04.3", 4, 3, "16GiB", "100GB",
                         {"go": "1.20.14", "lammps": "20230802", "ramble": "0.5.0", "hwloc": "2.9.1"}),
    "ubuntu-arm-focal": ("arm64", "ubuntu", "20.04", 4, 3, "16GiB", "100GB",
                         {"go": "1.20.14", "lammps": "20230802", "hwloc": "2.9.1"}),
    "rocky-amd-8": ("amd64", "rocky", "8.9", 4, 3, "16GiB", "50GB",
                    {"go": "1.15.15", "lammps": "20230802", "singularity": "3.8.7", "hwloc": "2.9.1"}),
    "rocky-arm-9-starved": ("arm64", "rocky", "9.3", 4, 3, "1GiB", "50GB",
                            {"go": "1.20.14", "singularity": "3.8.7", "hwloc": "2.9.1"}),
    "ubuntu-amd-focal-tiny": ("amd64", "ubuntu", "20.04", 2, 3, "16GiB", "5GB",
                              {"go": "1.20.14", "lammps": "20230802", "hwloc": "2.9.1"}),
}


def vertex(vid, vtype, name, **extra):
    return {"label": vid, "metadata": {"type": vtype, "name": name, "size": 1, **extra}}


def contains(source, target):
    return [{"source": source, "target": target, "relation": "contains"},
            {"source": target, "target": source, "relation": "in"}]


for name, (arch, osname, osver, nodes, cores, memory, disk, packages) in CLUSTERS.items():
    vertices = {"0": vertex("0", "cluster", name), "1": vertex("1", "rack", "rack0")}
    edges = contains("0", "1")
    node_ids, next_id = [], 2
    for n in range(nodes):
        nid = str(next_id); next_id += 1
        vertices[nid] = vertex(nid, "node", f"node{n}", arch=arch, os=osname, os_version=osver, memory=memory, disk=disk)
        edges += contains("1", nid)
        node_ids.append(nid)
        sid = str(next_id); next_id += 1
        vertices[sid] = vertex(sid, "socket", "socket0")
        edges += contains(nid, sid)
        for c in range(cores):
            cid = str(next_id); next_id += 1
            vertices[cid] = vertex(cid, "core", f"core{c}")
            edges += contains(sid, cid)
    software = {"software0": vertex("software0", "software", "software0")}
    sedges = []
    for i, (pkg, version) in enumerate(sorted(packages.items()), start=1):
        pid = f"software{i}"
        software[pid] = vertex(pid, "package", pkg, version=version)
        for nid in node_ids:
            sedges += contains(nid, pid)
    folder = os.path.join("clusters", name)
    os.makedirs(os.path.join(folder, "subsystems"), exist_ok=True)
    with open(os.path.join(folder, "nodes.json"), "w") as f:
        json.dump({"graph": {"directed": True, "nodes": vertices, "edges": edges}}, f, indent=1)
    with open(os.path.join(folder, "subsystems", "software.json"), "w") as f:
        json.dump({"graph": {"directed": True, "nodes": software, "edges": sedges}}, f, indent=1)
