#include "server/object_metadata.hpp"

#include "s3/uri_encoding.hpp"

#include <sstream>

namespace ducklake {
namespace server {

static const char *FORMAT_LINE = "s3d-object-metadata 1";

std::string SerializeMetadata(const ObjectMetadata &metadata) {
	std::string out = FORMAT_LINE;
	out += "\n";
	auto field = [&](const char *name, const std::string &value) {
		out += name;
		out += " ";
		out += s3::UriEncode(value, true);
		out += "\n";
	};
	field("key", metadata.key);
	field("size", std::to_string(metadata.size));
	field("etag", metadata.etag);
	field("last-modified", std::to_string(metadata.last_modified));
	field("content-type", metadata.content_type);
	field("parts-count", std::to_string(metadata.parts_count));
	field("data-mtime-ns", std::to_string(metadata.data_mtime_ns));
	for (auto &header : metadata.headers) {
		out += "header " + s3::UriEncode(header.name, true) + " " + s3::UriEncode(header.value, true) + "\n";
	}
	for (auto &checksum : metadata.checksums) {
		out += "checksum " + s3::UriEncode(checksum.name, true) + " " + s3::UriEncode(checksum.value, true) + "\n";
	}
	return out;
}

s3::Result<ObjectMetadata> ParseMetadata(const std::string &text) {
	using R = s3::Result<ObjectMetadata>;
	std::istringstream lines(text);
	std::string line;
	if (!std::getline(lines, line) || line != FORMAT_LINE) {
		return R::Failure("metadata file does not start with '" + std::string(FORMAT_LINE) + "'");
	}
	ObjectMetadata metadata;
	bool have_key = false, have_size = false;
	while (std::getline(lines, line)) {
		size_t space = line.find(' ');
		if (space == std::string::npos) {
			return R::Failure("metadata line '" + line + "' has no value");
		}
		std::string name = line.substr(0, space);
		std::string rest = line.substr(space + 1);
		if (name == "header" || name == "checksum") {
			size_t second = rest.find(' ');
			if (second == std::string::npos) {
				return R::Failure("metadata line '" + line + "' needs a name and a value");
			}
			auto header_name = s3::UriDecode(rest.substr(0, second), false);
			auto header_value = s3::UriDecode(rest.substr(second + 1), false);
			if (!header_name.Ok() || !header_value.Ok()) {
				return R::Failure("metadata line '" + line + "' is not URI-encoded");
			}
			(name == "header" ? metadata.headers : metadata.checksums)
			    .push_back({header_name.Value(), header_value.Value()});
			continue;
		}
		auto value = s3::UriDecode(rest, false);
		if (!value.Ok()) {
			return R::Failure("metadata line '" + line + "' is not URI-encoded");
		}
		const std::string &decoded = value.Value();
		try {
			if (name == "key") {
				metadata.key = decoded;
				have_key = true;
			} else if (name == "size") {
				metadata.size = std::stoull(decoded);
				have_size = true;
			} else if (name == "etag") {
				metadata.etag = decoded;
			} else if (name == "last-modified") {
				metadata.last_modified = std::stoll(decoded);
			} else if (name == "content-type") {
				metadata.content_type = decoded;
			} else if (name == "parts-count") {
				metadata.parts_count = static_cast<uint32_t>(std::stoul(decoded));
			} else if (name == "data-mtime-ns") {
				metadata.data_mtime_ns = std::stoll(decoded);
			}
		} catch (std::exception &) {
			return R::Failure("metadata line '" + line + "' has a malformed number");
		}
	}
	if (!have_key || !have_size) {
		return R::Failure("metadata file lacks the key or size line");
	}
	return R::Success(std::move(metadata));
}

} // namespace server
} // namespace ducklake
