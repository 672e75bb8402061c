//===----------------------------------------------------------------------===//
// server TempFile: a file being written in the object store's .s3d/tmp (removed unless committed),
// or a region of a multipart upload's assembly file; appends through the page cache or O_DIRECT
// with background flushes, copies from another file, attaches the object's metadata xattr and
// fsyncs before the store renames it into place (object_store.hpp).
//===----------------------------------------------------------------------===//
#pragma once

#include "server/s3_outcome.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <sys/stat.h>
#include <thread>

namespace ducklake {
namespace server {

//! The extended attribute that holds an object's metadata on its data file.
constexpr const char *METADATA_XATTR = "user.ducklake.s3d";
//! Buffers, sizes and offsets of TempFile::WriteDirect are multiples of this (the largest logical
//! block size of common devices).
constexpr size_t DIRECT_WRITE_ALIGNMENT_BYTES = 4096;
//! Bytes written with O_DIRECT between background fdatasyncs (TempFile::WriteDirect).
constexpr uint64_t DIRECT_FLUSH_STEP_BYTES = 8ull << 20;

//! A file being written in .s3d/tmp; removed on destruction unless committed. Or a region of a
//! shared file (a multipart upload's assembly file, see multipart_store.hpp): writes then land at
//! `region_offset` onward, never past `region_capacity` bytes, and the file is never removed here.
class TempFile {
public:
	TempFile(std::string path, int fd);
	//! The region [region_offset, region_offset + region_capacity) of the file `path` open as `fd`.
	TempFile(std::string path, int fd, uint64_t region_offset, uint64_t region_capacity);
	~TempFile();
	TempFile(const TempFile &) = delete;
	TempFile &operator=(const TempFile &) = delete;

	//! Appends; fails with INTERNAL_ERROR naming the errno (e.g. disk full). Starts writing back
	//! every few MiB so that the final fsync of a large file is short.
	Outcome<bool> Write(const char *data, size_t bytes);
	//! Appends like Write but past the page cache (O_DIRECT), when `data`, `bytes` and the file's
	//! size are multiples of DIRECT_WRITE_ALIGNMENT_BYTES and the file system allows it; otherwise,
	//! and for good once the file system refuses, exactly Write. For large bodies: copying them into
	//! the page cache costs a core about as much as hashing them, and the final fsync then finds the
	//! data already on the device.
	//! Every DIRECT_FLUSH_STEP_BYTES it also starts an fdatasync on a thread of its own: O_DIRECT
	//! bytes may still sit in the device's volatile cache, and flushing them in steps while the body
	//! arrives leaves the final fsync only the last step (it took 0.18 s for 256 MiB at the end). The
	//! step is small because the commit first waits for the flush still running: with 32 MiB steps
	//! that wait was 15-47 ms of a 256 MiB PUT, with 8 MiB it is 0-15 ms.
	Outcome<bool> WriteDirect(const char *data, size_t bytes);
	//! Appends `length` bytes of the file open as `source_fd`, from `source_offset`, with
	//! copy_file_range: the kernel moves the bytes without copying them through this process (or
	//! shares the blocks on file systems that can). Falls back to pread/write where copy_file_range
	//! is not supported. Fails when the source ends early.
	Outcome<bool> AppendFile(int source_fd, uint64_t source_offset, uint64_t length);
	//! Stores `text` as an extended attribute of the open file; false when the file system refuses
	//! (no user xattrs, value too large) or the file is already closed.
	bool AttachMetadata(const std::string &text);
	//! fstat of the open file (stat of the path once closed); false on failure (errno kept).
	bool Stat(struct stat &status) const;
	//! fsync and close; after this only the path is used. A no-op when already closed.
	Outcome<bool> SyncAndClose();
	const std::string &Path() const {
		return path;
	}
	//! Bytes written (in a region: from the region's start).
	uint64_t Size() const {
		return size;
	}
	bool IsRegion() const {
		return region;
	}
	void MarkCommitted() {
		committed = true;
	}

private:
	std::string path;
	int fd;
	//! A second descriptor of the file opened with O_DIRECT, by the first WriteDirect; -1 before.
	int direct_fd = -1;
	//! The file system refused O_DIRECT (open or write): WriteDirect is Write from then on.
	bool direct_refused = false;
	//! Bytes in the file (region); every write is at base + size (pwrite), whichever descriptor.
	uint64_t size = 0;
	//! Where the bytes start in the file: 0, or the region's offset.
	uint64_t base = 0;
	//! Most bytes this file (region) may take.
	uint64_t capacity = UINT64_MAX;
	bool region = false;
	//! Bytes handed to writeback so far (see Write).
	uint64_t writeback_started = 0;
	//! The background fdatasync of WriteDirect, if one was started; joined before closing.
	std::thread flusher;
	std::atomic<bool> flushing {false};
	//! errno of a failed background fdatasync (0: none). The kernel reports a writeback error to
	//! one sync of a descriptor only, so SyncAndClose must hear of it from here.
	std::atomic<int> flush_errno {0};
	//! Bytes written when the last background fdatasync started.
	uint64_t flush_started = 0;
	void JoinFlusher();
	bool committed = false;
};

} // namespace server
} // namespace ducklake
