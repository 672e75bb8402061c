#include "metadata/postgres/postgres_error.hpp"

namespace ducklake {

MetadataErrorKind ClassifySqlState(const std::string &sqlstate) {
	if (sqlstate == "23505" || sqlstate == "40001" || sqlstate == "40P01") {
		return MetadataErrorKind::RETRYABLE_CONFLICT;
	}
	if (sqlstate.size() == 5 && sqlstate.compare(0, 2, "08") == 0) {
		return MetadataErrorKind::CONNECTION_LOST;
	}
	if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
		return MetadataErrorKind::CONNECTION_LOST;
	}
	return MetadataErrorKind::PERMANENT;
}

const char *MetadataErrorKindName(MetadataErrorKind kind) {
	switch (kind) {
	case MetadataErrorKind::RETRYABLE_CONFLICT:
		return "retryable conflict";
	case MetadataErrorKind::CONNECTION_LOST:
		return "connection lost";
	default:
		return "error";
	}
}

} // namespace ducklake
