//===----------------------------------------------------------------------===//
// `ducklake stack up|down|status`: the local stack without Kubernetes.
//
// `up` starts PostgreSQL (initdb into ./.stack/pg on first use, a free loopback port, database
// `lake`) and ducklake-s3d (objects in ./.stack/s3, a loopback port, generated credentials),
// creates the bucket `lake`, writes ./.stack/stack.conf and prints the CREATE SECRET and ATTACH
// statements to paste into `ducklake`. Running `up` again reuses what runs. `down` stops only
// the processes `up` started (by the pids recorded in stack.conf), keeping the data. `status`
// says what runs. Returns 0 on success, 1 on failure (what failed and how to fix it), 2 on
// bad usage.
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/lake_attach.hpp"
#include "workload/s3_bucket.hpp"

#include <string>
#include <vector>

namespace ducklake {

int RunStackCommand(int argc, char **argv);

//! For `ducklake demo --stack`: fills `lake` with the running stack's catalog and data path and
//! `setup_sql` with its CREATE SECRET, and `bucket` with the bucket to make sure of. Returns ""
//! or why the stack cannot be used.
std::string StackLakeOptions(LakeOptions &lake, std::vector<std::string> &setup_sql, S3BucketTarget &bucket);

} // namespace ducklake
