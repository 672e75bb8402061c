//===----------------------------------------------------------------------===//
// Loopback ports for the servers tests start for themselves (PostgreSQL, ducklake-s3d, nginx,
// small web servers): pick a free one, and poll whether the server accepts on it yet.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace ducklake {

//! A port on 127.0.0.1 nobody listens on right now (the kernel's choice for an ephemeral bind).
//! Throws std::runtime_error naming the failed call when the kernel gives none.
uint16_t FindFreeLoopbackPort();

//! Whether a server accepts TCP connections on 127.0.0.1:`port` right now.
bool LoopbackPortAccepts(uint16_t port);

} // namespace ducklake
