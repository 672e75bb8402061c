"""rclone (Debian) as an S3 client of ducklake-s3d: copy a tree up, check it, list, sync deletions."""
import os
import sys
import tempfile

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require, run

RCLONE = "/usr/bin/rclone"


def main(binary):
    require(RCLONE, "rclone")
    with S3dServer(binary) as server, tempfile.TemporaryDirectory() as work:
        env = server.env()
        env.update({"RCLONE_CONFIG": "/dev/null", "RCLONE_CONFIG_S3D_TYPE": "s3", "RCLONE_CONFIG_S3D_PROVIDER": "Other",
                    "RCLONE_CONFIG_S3D_ENDPOINT": server.endpoint, "RCLONE_CONFIG_S3D_ACCESS_KEY_ID": ACCESS_KEY,
                    "RCLONE_CONFIG_S3D_SECRET_ACCESS_KEY": SECRET_KEY, "RCLONE_CONFIG_S3D_REGION": "us-east-1",
                    "RCLONE_CONFIG_S3D_FORCE_PATH_STYLE": "true"})
        tree = os.path.join(work, "tree")
        files = {"a.txt": b"alpha", "nested/b.bin": os.urandom(200000), "nested/deeper/c.parquet": b"c" * 1000,
                 "name with spaces & symbols!.txt": b"odd", "big.bin": os.urandom(7 * 1024 * 1024)}
        for name, content in files.items():
            os.makedirs(os.path.dirname(os.path.join(tree, name)), exist_ok=True)
            with open(os.path.join(tree, name), "wb") as out:
                out.write(content)
        run([RCLONE, "mkdir", "s3d:rcbucket"], env)
        run([RCLONE, "copy", "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", tree, "s3d:rcbucket/tree"], env)
        run([RCLONE, "check", tree, "s3d:rcbucket/tree"], env)
        listed = sorted(run([RCLONE, "lsf", "-R", "--files-only", "s3d:rcbucket/tree"], env).stdout.decode().split("\n"))
        expect([line for line in listed if line] == sorted(files), f"lsf: {listed}")
        back = os.path.join(work, "back")
        run([RCLONE, "copy", "s3d:rcbucket/tree", back], env)
        for name, content in files.items():
            expect(open(os.path.join(back, name), "rb").read() == content, f"{name} round-trips")
        os.unlink(os.path.join(tree, "a.txt"))
        run([RCLONE, "sync", tree, "s3d:rcbucket/tree"], env)
        after = run([RCLONE, "lsf", "-R", "--files-only", "s3d:rcbucket/tree"], env).stdout.decode()
        expect("a.txt" not in after.split("\n"), f"sync deleted a.txt: {after}")
        run([RCLONE, "purge", "s3d:rcbucket"], env)
    print("rclone: OK")


if __name__ == "__main__":
    main(sys.argv[1])
