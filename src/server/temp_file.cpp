#include "server/temp_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

namespace {

//! Bytes written between requests to start writing them back, so the final fsync of a large object
//! finds little left to do.
constexpr uint64_t WRITEBACK_STEP_BYTES = 8 * 1024 * 1024;

std::string ErrnoText() {
	return std::strerror(errno);
}

} // namespace

TempFile::TempFile(std::string path_p, int fd_p) : path(std::move(path_p)), fd(fd_p) {
}

TempFile::TempFile(std::string path_p, int fd_p, uint64_t region_offset, uint64_t region_capacity)
    : path(std::move(path_p)), fd(fd_p), base(region_offset), capacity(region_capacity), region(true) {
	committed = true; // a region's file belongs to its owner, who removes it
}

static S3Failure RegionOverflow(uint64_t capacity) {
	return Fail(S3ErrorCode::INVALID_REQUEST,
	            "the body is longer than its announced length of " + std::to_string(capacity) + " bytes");
}

TempFile::~TempFile() {
	JoinFlusher();
	if (fd >= 0) {
		close(fd);
	}
	if (direct_fd >= 0) {
		close(direct_fd);
	}
	if (!committed) {
		unlink(path.c_str());
	}
}

Outcome<bool> TempFile::Write(const char *data, size_t bytes) {
	if (fd < 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "temporary file written after it was closed");
	}
	if (bytes > capacity - size) {
		return RegionOverflow(capacity);
	}
	size_t written = 0;
	while (written < bytes) {
		ssize_t result = pwrite(fd, data + written, bytes - written, off_t(base + size + written));
		if (result < 0 && errno == EINTR) {
			continue;
		}
		if (result <= 0) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot write temporary file: " + ErrnoText());
		}
		written += size_t(result);
	}
	size += bytes;
	if (size - writeback_started >= WRITEBACK_STEP_BYTES) {
		// Start writing back what arrived so far without waiting for it: the disk works while the
		// network delivers the rest, instead of all at the final fsync.
		sync_file_range(fd, off_t(base + writeback_started), off_t(size - writeback_started), SYNC_FILE_RANGE_WRITE);
		writeback_started = size;
	}
	return true;
}

Outcome<bool> TempFile::WriteDirect(const char *data, size_t bytes) {
	const size_t alignment = DIRECT_WRITE_ALIGNMENT_BYTES;
	if (fd < 0 || direct_refused || bytes % alignment != 0 || (base + size) % alignment != 0 ||
	    reinterpret_cast<uintptr_t>(data) % alignment != 0) {
		return Write(data, bytes);
	}
	if (bytes > capacity - size) {
		return RegionOverflow(capacity);
	}
	if (direct_fd < 0) {
		direct_fd = open(path.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
		if (direct_fd < 0) {
			direct_refused = true; // e.g. tmpfs: EINVAL
			return Write(data, bytes);
		}
	}
	size_t written = 0;
	while (written < bytes) {
		ssize_t result = pwrite(direct_fd, data + written, bytes - written, off_t(base + size + written));
		if (result < 0 && errno == EINTR) {
			continue;
		}
		if (result < 0 && errno == EINVAL && written == 0) {
			// The file system or device wants a larger alignment than ours: buffered from now on.
			direct_refused = true;
			return Write(data, bytes);
		}
		if (result <= 0) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot write temporary file: " + ErrnoText());
		}
		written += size_t(result);
		if (written % alignment != 0) {
			// A short write that leaves an unaligned rest (nearly full disk): the rest goes buffered.
			size += written;
			return Write(data + written, bytes - written);
		}
	}
	size += bytes;
	writeback_started = size; // nothing of it waits in the page cache
	if (size - flush_started >= DIRECT_FLUSH_STEP_BYTES && !flushing.load()) {
		JoinFlusher();
		flush_started = size;
		flushing.store(true);
		int flushed_fd = fd;
		flusher = std::thread([this, flushed_fd] {
			if (fdatasync(flushed_fd) != 0) {
				flush_errno.store(errno);
			}
			flushing.store(false);
		});
	}
	return true;
}

void TempFile::JoinFlusher() {
	if (flusher.joinable()) {
		flusher.join();
	}
}

Outcome<bool> TempFile::AppendFile(int source_fd, uint64_t source_offset, uint64_t length) {
	const uint64_t chunk_bytes_max = 64 << 20;
	uint64_t end = source_offset + length;
	loff_t source_position = loff_t(source_offset);
	while (uint64_t(source_position) < end) {
		if (end - uint64_t(source_position) > capacity - size) {
			return RegionOverflow(capacity);
		}
		loff_t destination_offset = loff_t(base + size);
		ssize_t moved = copy_file_range(source_fd, &source_position, fd, &destination_offset,
		                                size_t(std::min(chunk_bytes_max, end - uint64_t(source_position))), 0);
		if (moved < 0 && errno == EINTR) {
			continue;
		}
		if (moved == 0) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "a part file ended before its recorded size");
		}
		if (moved > 0) {
			size += uint64_t(moved);
			continue;
		}
		if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot copy into temporary file: " + ErrnoText());
		}
		break; // not supported here: copy through a buffer from where the kernel stopped
	}
	std::vector<char> buffer(1 << 20);
	while (uint64_t(source_position) < end) {
		ssize_t got = pread(source_fd, buffer.data(), size_t(std::min<uint64_t>(buffer.size(), end - source_position)),
		                    off_t(source_position));
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got < 0) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot read a part file: " + ErrnoText());
		}
		if (got == 0) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "a part file ended before its recorded size");
		}
		auto written = Write(buffer.data(), size_t(got));
		if (!written.Ok()) {
			return written;
		}
		source_position += got;
	}
	return true;
}

bool TempFile::AttachMetadata(const std::string &text) {
	return fd >= 0 && fsetxattr(fd, METADATA_XATTR, text.data(), text.size(), 0) == 0;
}

bool TempFile::Stat(struct stat &status) const {
	return fd >= 0 ? fstat(fd, &status) == 0 : stat(path.c_str(), &status) == 0;
}

Outcome<bool> TempFile::SyncAndClose() {
	if (fd < 0) {
		return true;
	}
	JoinFlusher(); // it uses fd
	if (flush_errno.load() != 0) {
		errno = flush_errno.load();
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot fsync temporary file: " + ErrnoText());
	}
	// One fsync covers the inode whichever descriptor wrote: the data and the file's size.
	if (fsync(fd) != 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot fsync temporary file: " + ErrnoText());
	}
	close(fd);
	fd = -1;
	if (direct_fd >= 0) {
		close(direct_fd);
		direct_fd = -1;
	}
	return true;
}

} // namespace server
} // namespace ducklake
