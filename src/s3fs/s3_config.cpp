#include "s3fs/s3_config.hpp"

#include <algorithm>
#include <cctype>

namespace ducklake {

namespace {

std::string Lower(std::string text) {
	std::transform(text.begin(), text.end(), text.begin(), ::tolower);
	return text;
}

bool IsHostCharacter(char c) {
	return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == ':' || c == '[' ||
	       c == ']';
}

} // namespace

std::string ParseS3UrlStyle(const std::string &text, S3UrlStyle &style) {
	auto lowered = Lower(text);
	if (lowered == "vhost" || lowered.empty()) {
		style = S3UrlStyle::VHOST;
		return std::string();
	}
	if (lowered == "path") {
		style = S3UrlStyle::PATH;
		return std::string();
	}
	return "URL_STYLE '" + text + "' is not supported: use 'vhost' or 'path'";
}

std::string ParseS3Endpoint(const std::string &text, std::string &host_port, std::optional<bool> &use_ssl) {
	std::string rest = text;
	auto scheme_end = rest.find("://");
	if (scheme_end != std::string::npos) {
		auto scheme = Lower(rest.substr(0, scheme_end));
		if (scheme == "https") {
			use_ssl = true;
		} else if (scheme == "http") {
			use_ssl = false;
		} else {
			return "malformed endpoint '" + text + "': the scheme must be http:// or https:// (or none)";
		}
		rest = rest.substr(scheme_end + 3);
	}
	while (!rest.empty() && rest.back() == '/') {
		rest.pop_back();
	}
	if (rest.empty()) {
		return "malformed endpoint '" + text + "': it names no host; expected host[:port], e.g. 'localhost:9000'";
	}
	for (auto c : rest) {
		if (!IsHostCharacter(c)) {
			return "malformed endpoint '" + text +
			       "': expected host[:port] (optionally with http:// or https://) and no path, e.g. "
			       "'s3.us-east-1.amazonaws.com' or 'http://localhost:9000'";
		}
	}
	auto colon = rest.rfind(':');
	if (colon != std::string::npos && rest.find(']') == std::string::npos) {
		auto port = rest.substr(colon + 1);
		bool digits = !port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), ::isdigit);
		if (!digits || std::stoul(port) == 0 || std::stoul(port) > 65535 || rest.find(':') != colon) {
			return "malformed endpoint '" + text + "': the port must be a number from 1 to 65535";
		}
	}
	host_port = rest;
	return std::string();
}

std::string ResolveS3Config(const std::vector<S3ConfigLayer> &layers, S3Config &result) {
	result = S3Config();
	bool have_credentials = false, have_region = false, have_endpoint = false, have_style = false, have_ssl = false;
	std::optional<bool> endpoint_ssl;
	for (auto &layer : layers) {
		if (!have_credentials && layer.key_id && !layer.key_id->empty()) {
			if (!layer.secret || layer.secret->empty()) {
				return layer.source + " sets the access key id '" + *layer.key_id +
				       "' but no secret access key: set SECRET (or s3_secret_access_key / "
				       "AWS_SECRET_ACCESS_KEY) in the same place";
			}
			result.key_id = *layer.key_id;
			result.secret = *layer.secret;
			result.session_token = layer.session_token.value_or("");
			result.credentials_source = layer.source;
			have_credentials = true;
		}
		if (!have_region && layer.region && !layer.region->empty()) {
			result.region = *layer.region;
			have_region = true;
		}
		if (!have_endpoint && layer.endpoint && !layer.endpoint->empty()) {
			auto error = ParseS3Endpoint(*layer.endpoint, result.endpoint, endpoint_ssl);
			if (!error.empty()) {
				return layer.source + ": " + error;
			}
			have_endpoint = true;
		}
		if (!have_style && layer.url_style && !layer.url_style->empty()) {
			auto error = ParseS3UrlStyle(*layer.url_style, result.url_style);
			if (!error.empty()) {
				return layer.source + ": " + error;
			}
			have_style = true;
		}
		if (!have_ssl && layer.use_ssl) {
			result.use_ssl = *layer.use_ssl;
			have_ssl = true;
		}
	}
	// A scheme written into the endpoint is the most specific statement about SSL.
	if (endpoint_ssl) {
		result.use_ssl = *endpoint_ssl;
	}
	return std::string();
}

bool S3Config::IsLoopbackEndpoint(const std::string &host_port) {
	std::string host;
	if (!host_port.empty() && host_port[0] == '[') {
		auto close = host_port.find(']');
		host = close == std::string::npos ? host_port : host_port.substr(1, close - 1);
		return host == "::1";
	}
	host = host_port.substr(0, host_port.find(':'));
	host = Lower(host);
	if (host == "localhost") {
		return true;
	}
	// 127.0.0.0/8 written as a dotted quad.
	if (host.rfind("127.", 0) != 0) {
		return false;
	}
	int dots = 0;
	for (auto c : host) {
		if (c == '.') {
			dots++;
		} else if (c < '0' || c > '9') {
			return false;
		}
	}
	return dots == 3;
}

} // namespace ducklake
