#include "common/version.hpp"

#include "generated_version.hpp"

namespace ducklake {

const char *ProjectVersion() {
	return DUCKLAKE_CPP_VERSION;
}

} // namespace ducklake
