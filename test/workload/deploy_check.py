#!/usr/bin/env python3
"""Checks deploy/: the rendered kustomize overlay, the raw manifests, the justfile and the Dockerfile.

No cluster runs here, so this checks what can be checked without one: that the overlay renders
with `kubectl kustomize`, and that the objects it renders are the ones the lake needs, wired to
each other (Secrets, PVCs, ports, probes, images). Usage: deploy_check.py <repo> <mode> [tool];
mode is one of rendered, files, justfile, dockerfile. Exit 77 means skipped (reason printed).
"""
import os
import subprocess
import sys

SKIP = 77
NAMESPACE = "ducklake"


def skip(reason):
    print("SKIPPED: " + reason)
    sys.exit(SKIP)


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def load_yaml_documents(text, origin):
    try:
        import yaml
    except ImportError:
        skip("python3 has no yaml module (Debian: apt-get install python3-yaml)")
    try:
        return [doc for doc in yaml.safe_load_all(text) if doc is not None]
    except yaml.YAMLError as error:
        fail("%s is not valid YAML: %s" % (origin, error))


def by_kind(objects, kind):
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def containers_of(workload):
    return workload["spec"]["template"]["spec"]["containers"]


def check_rendered(repo, kubectl):
    if not kubectl or not os.access(kubectl, os.X_OK):
        skip("kubectl is not installed, so the overlay cannot be rendered")
    overlay = os.path.join(repo, "deploy", "overlays", "local")
    run = subprocess.run([kubectl, "kustomize", overlay], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        fail("kubectl kustomize %s failed: %s" % (overlay, run.stderr))
    objects = load_yaml_documents(run.stdout, "the rendered overlay")

    kinds = sorted(obj["kind"] for obj in objects)
    expected_kinds = sorted(["Namespace", "Secret", "Secret", "Service", "Service", "StatefulSet",
                             "Deployment", "PersistentVolumeClaim"])
    if kinds != expected_kinds:
        fail("rendered kinds %s, expected %s" % (kinds, expected_kinds))
    for obj in objects:
        name = obj["metadata"]["name"]
        if obj["kind"] == "Namespace":
            if name != NAMESPACE:
                fail("namespace is %s, expected %s" % (name, NAMESPACE))
        elif obj["metadata"].get("namespace") != NAMESPACE:
            fail("%s/%s is not in namespace %s" % (obj["kind"], name, NAMESPACE))

    secrets = by_kind(objects, "Secret")
    claims = by_kind(objects, "PersistentVolumeClaim")
    services = by_kind(objects, "Service")
    postgres = by_kind(objects, "StatefulSet").get("ducklake-postgres")
    s3d = by_kind(objects, "Deployment").get("ducklake-s3d")
    if postgres is None or s3d is None:
        fail("the StatefulSet ducklake-postgres and the Deployment ducklake-s3d must both exist")

    def secret_keys(name):
        secret = secrets.get(name)
        if secret is None:
            fail("Secret %s is referenced but not rendered (have %s)" % (name, sorted(secrets)))
        return set(secret.get("stringData", {})) | set(secret.get("data", {}))

    for workload in (postgres, s3d):
        workload_name = workload["metadata"]["name"]
        selector = workload["spec"]["selector"]["matchLabels"]
        labels = workload["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(key) != value for key, value in selector.items()):
            fail("%s: selector %s does not match its pod labels %s" % (workload_name, selector, labels))
        for container in containers_of(workload):
            where = "%s container %s" % (workload_name, container["name"])
            for probe in ("readinessProbe", "livenessProbe"):
                if probe not in container:
                    fail("%s has no %s" % (where, probe))
            resources = container.get("resources", {})
            for part in ("requests", "limits"):
                if not {"cpu", "memory"} <= set(resources.get(part, {})):
                    fail("%s needs cpu and memory %s" % (where, part))
            for source in container.get("envFrom", []):
                if "secretRef" in source:
                    secret_keys(source["secretRef"]["name"])
            for variable in container.get("env", []):
                reference = variable.get("valueFrom", {}).get("secretKeyRef")
                if reference and reference["key"] not in secret_keys(reference["name"]):
                    fail("%s reads key %s that Secret %s lacks" % (where, reference["key"], reference["name"]))

    # PostgreSQL: postgres 15, its credentials from the Secret, data on a claim template.
    pg_container = containers_of(postgres)[0]
    if not pg_container["image"].startswith("postgres:15"):
        fail("PostgreSQL image is %s, expected postgres:15*" % pg_container["image"])
    if {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"} - secret_keys("ducklake-postgres"):
        fail("Secret ducklake-postgres must hold POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB")
    templates = postgres["spec"].get("volumeClaimTemplates", [])
    if [t["metadata"]["name"] for t in templates] != ["data"]:
        fail("ducklake-postgres needs one volumeClaimTemplate named data")
    if templates[0]["spec"].get("storageClassName") != "local-path":
        fail("the local overlay must put PostgreSQL on k3d's local-path storage class")

    # ducklake-s3d: our image (imported into k3d, never pulled), non-root, data on the PVC.
    s3d_container = containers_of(s3d)[0]
    if s3d_container["image"] != "ducklake:local":
        fail("s3d image is %s, expected ducklake:local from the local overlay" % s3d_container["image"])
    if s3d_container.get("imagePullPolicy") != "IfNotPresent":
        fail("s3d must not pull the locally imported image (imagePullPolicy IfNotPresent)")
    for probe in ("readinessProbe", "livenessProbe"):
        http = s3d_container[probe].get("httpGet", {})
        if http.get("path") != "/.s3d/health" or http.get("port") != "s3":
            fail("s3d %s must GET /.s3d/health on the s3 port, has %s" % (probe, s3d_container[probe]))
    env_names = {variable["name"] for variable in s3d_container.get("env", [])}
    if not {"DUCKLAKE_S3D_ACCESS_KEY", "DUCKLAKE_S3D_SECRET_KEY"} <= env_names:
        fail("s3d needs DUCKLAKE_S3D_ACCESS_KEY and DUCKLAKE_S3D_SECRET_KEY, has %s" % sorted(env_names))
    arguments = s3d_container.get("args", [])
    mounts = {mount["mountPath"] for mount in s3d_container.get("volumeMounts", [])}
    if "--root" not in arguments or arguments[arguments.index("--root") + 1] not in mounts:
        fail("s3d --root must be its mounted volume (args %s, mounts %s)" % (arguments, sorted(mounts)))
    pod_security = s3d["spec"]["template"]["spec"].get("securityContext", {})
    if not pod_security.get("runAsNonRoot") or pod_security.get("runAsUser", 0) == 0:
        fail("s3d must run as a non-root user")
    volumes = s3d["spec"]["template"]["spec"].get("volumes", [])
    claim_names = [v["persistentVolumeClaim"]["claimName"] for v in volumes if "persistentVolumeClaim" in v]
    if claim_names != ["ducklake-s3d-data"] or "ducklake-s3d-data" not in claims:
        fail("s3d must mount the PVC ducklake-s3d-data (have volumes %s, claims %s)" % (claim_names, sorted(claims)))

    # Services reach the named container ports.
    for service_name, workload, port in (("ducklake-postgres", postgres, 5432), ("ducklake-s3d", s3d, 9000)):
        service = services.get(service_name)
        if service is None:
            fail("Service %s is missing" % service_name)
        service_port = service["spec"]["ports"][0]
        container_ports = {p["name"]: p["containerPort"] for p in containers_of(workload)[0]["ports"]}
        if service_port["port"] != port or container_ports.get(service_port["targetPort"]) != port:
            fail("Service %s must expose %d to the container port of that number" % (service_name, port))
        selector = service["spec"]["selector"]
        labels = workload["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(key) != value for key, value in selector.items()):
            fail("Service %s selects %s, which the pods (%s) do not carry" % (service_name, selector, labels))
    print("rendered overlay: %d objects checked" % len(objects))


def check_files(repo):
    count = 0
    for directory, _, files in os.walk(os.path.join(repo, "deploy")):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(directory, name)
                with open(path) as handle:
                    documents = load_yaml_documents(handle.read(), path)
                if not documents:
                    fail("%s holds no YAML document" % path)
                for document in documents:
                    if "kind" not in document or "apiVersion" not in document:
                        fail("%s: every document needs apiVersion and kind" % path)
                count += 1
    if count < 10:
        fail("expected the base, databases and overlay manifests, found %d YAML files" % count)
    print("%d YAML files parse" % count)


def check_justfile(repo, just):
    if not just or not os.access(just, os.X_OK):
        skip("the just binary is not installed (scripts/bootstrap.sh fetches it from npm as rust-just-linux-x64)")
    justfile = os.path.join(repo, "deploy", "justfile")
    summary = subprocess.run([just, "--justfile", justfile, "--summary"], capture_output=True, text=True, timeout=60)
    if summary.returncode != 0:
        fail("just cannot parse %s: %s" % (justfile, summary.stderr))
    recipes = set(summary.stdout.split())
    for recipe in ("deploy-ducklake", "ducklake-test", "undeploy-ducklake"):
        if recipe not in recipes:
            fail("recipe %s missing from %s (have %s)" % (recipe, justfile, sorted(recipes)))
        # --dry-run evaluates every variable and interpolation of the recipe without running it.
        dry = subprocess.run([just, "--justfile", justfile, "--dry-run", recipe], capture_output=True, text=True,
                             timeout=60)
        if dry.returncode != 0:
            fail("just --dry-run %s failed: %s" % (recipe, dry.stderr))
    print("justfile recipes parse: %s" % sorted(recipes))


def check_dockerfile(repo):
    path = os.path.join(repo, "deploy", "Dockerfile")
    with open(path) as handle:
        lines = [line.strip() for line in handle]
    stages = [line.split()[1] for line in lines if line.upper().startswith("FROM ")]
    if len(stages) < 2 or not all(stage.startswith("debian:12") for stage in stages):
        fail("%s must be multi-stage on Debian 12, has FROM %s" % (path, stages))
    users = [line.split()[1] for line in lines if line.upper().startswith("USER ")]
    if not users or users[-1].split(":")[0] in ("0", "root"):
        fail("%s must end as a non-root USER, has %s" % (path, users))
    text = "\n".join(lines)
    for binary in ("build/src/cli/ducklake", "build/src/server/ducklake-s3d", "libduckdb.so"):
        if binary not in text:
            fail("%s does not ship %s" % (path, binary))
    print("Dockerfile: stages %s, user %s" % (stages, users[-1]))


def main():
    if len(sys.argv) < 3:
        fail("usage: deploy_check.py <repo> rendered|files|justfile|dockerfile [tool]")
    repo, mode = sys.argv[1], sys.argv[2]
    tool = sys.argv[3] if len(sys.argv) > 3 else ""
    if mode == "rendered":
        check_rendered(repo, tool)
    elif mode == "files":
        check_files(repo)
    elif mode == "justfile":
        check_justfile(repo, tool)
    elif mode == "dockerfile":
        check_dockerfile(repo)
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
