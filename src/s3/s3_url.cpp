#include "s3/s3_url.hpp"

#include "s3/uri_encoding.hpp"

#include <cctype>

namespace ducklake {
namespace s3 {

Result<S3Location> ParseS3Url(std::string_view url) {
	static constexpr std::string_view SCHEME = "s3://";
	if (url.substr(0, SCHEME.size()) != SCHEME) {
		return Result<S3Location>::Failure("URL '" + std::string(url) + "' must start with s3://");
	}
	std::string_view rest = url.substr(SCHEME.size());
	size_t slash = rest.find('/');
	S3Location location;
	location.bucket = std::string(rest.substr(0, slash));
	if (slash != std::string_view::npos) {
		location.key = std::string(rest.substr(slash + 1));
	}
	if (location.bucket.empty()) {
		return Result<S3Location>::Failure("URL '" + std::string(url) +
		                                   "' has no bucket; expected s3://<bucket>/<key>");
	}
	for (unsigned char c : location.bucket) {
		if (c < 0x21 || c == 0x7f) {
			return Result<S3Location>::Failure("URL '" + std::string(url) +
			                                   "' has a space or control character in the bucket name");
		}
	}
	return Result<S3Location>::Success(std::move(location));
}

Result<bool> ValidateBucketName(std::string_view bucket) {
	auto fail = [&](const std::string &rule) {
		return Result<bool>::Failure("bucket name '" + std::string(bucket) + "' is invalid: " + rule);
	};
	if (bucket.size() < BUCKET_NAME_BYTES_MIN || bucket.size() > BUCKET_NAME_BYTES_MAX) {
		return fail("it must be 3 to 63 characters long");
	}
	for (char c : bucket) {
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
			return fail("only lower-case letters, digits, '.' and '-' are allowed");
		}
	}
	auto alnum = [](char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	};
	if (!alnum(bucket.front()) || !alnum(bucket.back())) {
		return fail("it must start and end with a letter or digit");
	}
	if (bucket.find("..") != std::string_view::npos) {
		return fail("it must not contain '..'");
	}
	int dots = 0;
	bool all_digits_and_dots = true;
	for (char c : bucket) {
		dots += c == '.';
		all_digits_and_dots = all_digits_and_dots && (c == '.' || (c >= '0' && c <= '9'));
	}
	if (dots == 3 && all_digits_and_dots) {
		return fail("it must not look like an IPv4 address");
	}
	return Result<bool>::Success(true);
}

Result<bool> ValidateObjectKey(std::string_view key) {
	if (key.empty()) {
		return Result<bool>::Failure("object key is empty; a key needs 1 to 1024 bytes");
	}
	if (key.size() > OBJECT_KEY_BYTES_MAX) {
		return Result<bool>::Failure("object key is " + std::to_string(key.size()) +
		                             " bytes long; at most 1024 bytes are allowed");
	}
	if (key.find('\0') != std::string_view::npos) {
		return Result<bool>::Failure("object key contains a NUL byte, which is not allowed");
	}
	return Result<bool>::Success(true);
}

Result<S3Endpoint> ParseEndpoint(std::string_view endpoint, bool use_ssl) {
	S3Endpoint parsed;
	std::string_view rest = endpoint;
	size_t scheme_end = rest.find("://");
	if (scheme_end != std::string_view::npos) {
		std::string scheme(rest.substr(0, scheme_end));
		for (auto &c : scheme) {
			c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
		}
		if (scheme != "http" && scheme != "https") {
			return Result<S3Endpoint>::Failure("endpoint '" + std::string(endpoint) + "' has scheme '" + scheme +
			                                   "'; allowed are http:// and https://");
		}
		parsed.scheme = scheme;
		rest = rest.substr(scheme_end + 3);
	} else {
		parsed.scheme = use_ssl ? "https" : "http";
	}
	while (!rest.empty() && rest.back() == '/') {
		rest.remove_suffix(1);
	}
	if (rest.empty()) {
		return Result<S3Endpoint>::Failure("endpoint '" + std::string(endpoint) +
		                                   "' has no host; expected host[:port], e.g. 127.0.0.1:9000");
	}
	if (rest.find_first_of("/?# ") != std::string_view::npos) {
		return Result<S3Endpoint>::Failure("endpoint '" + std::string(endpoint) +
		                                   "' has a path, query or space; expected only [scheme://]host[:port]");
	}
	parsed.host_port = std::string(rest);
	return Result<S3Endpoint>::Success(std::move(parsed));
}

RequestTarget MakeRequestTarget(const S3Endpoint &endpoint, UrlStyle style, std::string_view bucket,
                                std::string_view key) {
	RequestTarget target;
	std::string decoded_path = "/";
	if (style == UrlStyle::VIRTUAL_HOSTED && !bucket.empty()) {
		target.host = std::string(bucket) + "." + endpoint.host_port;
		decoded_path += std::string(key);
	} else {
		target.host = endpoint.host_port;
		if (!bucket.empty()) {
			decoded_path += std::string(bucket);
			if (!key.empty()) {
				decoded_path += "/" + std::string(key);
			}
		}
	}
	target.encoded_path = UriEncode(decoded_path, false);
	target.url = endpoint.scheme + "://" + target.host + target.encoded_path;
	return target;
}

static std::string_view HostWithoutPort(std::string_view host) {
	if (!host.empty() && host.front() == '[') {
		size_t close = host.find(']');
		return close == std::string_view::npos ? host : host.substr(0, close + 1);
	}
	size_t colon = host.rfind(':');
	return colon == std::string_view::npos ? host : host.substr(0, colon);
}

S3Location ResolveRequestTarget(std::string_view host_header, std::string_view decoded_path,
                                const std::vector<std::string> &virtual_host_domains) {
	std::string host(HostWithoutPort(host_header));
	for (auto &c : host) {
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	}
	std::string_view path = decoded_path;
	if (!path.empty() && path.front() == '/') {
		path.remove_prefix(1);
	}
	S3Location location;
	for (auto &domain : virtual_host_domains) {
		if (host.size() > domain.size() + 1 && host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
		    host[host.size() - domain.size() - 1] == '.') {
			location.bucket = host.substr(0, host.size() - domain.size() - 1);
			location.key = std::string(path);
			return location;
		}
	}
	size_t slash = path.find('/');
	location.bucket = std::string(path.substr(0, slash));
	if (slash != std::string_view::npos) {
		location.key = std::string(path.substr(slash + 1));
	}
	return location;
}

} // namespace s3
} // namespace ducklake
