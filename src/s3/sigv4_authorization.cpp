#include "s3/sigv4_authorization.hpp"

#include <cctype>

namespace ducklake {
namespace s3 {

static std::string_view Trim(std::string_view text) {
	while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
		text.remove_prefix(1);
	}
	while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
		text.remove_suffix(1);
	}
	return text;
}

Result<ParsedCredential> ParseCredential(std::string_view credential) {
	// The access key itself never contains '/', so split from the right: the last four pieces are the scope.
	std::vector<std::string_view> pieces;
	size_t position = 0;
	while (pieces.size() < 6) {
		size_t slash = credential.find('/', position);
		pieces.push_back(credential.substr(position, slash == std::string_view::npos ? slash : slash - position));
		if (slash == std::string_view::npos) {
			break;
		}
		position = slash + 1;
	}
	if (pieces.size() != 5 || pieces[0].empty() || pieces[1].size() != 8 || pieces[2].empty() || pieces[3].empty() ||
	    pieces[4] != "aws4_request") {
		return Result<ParsedCredential>::Failure("credential '" + std::string(credential) +
		                                         "' is malformed; expected <access-key>/<YYYYMMDD>/<region>/s3/"
		                                         "aws4_request");
	}
	for (char c : pieces[1]) {
		if (c < '0' || c > '9') {
			return Result<ParsedCredential>::Failure("credential '" + std::string(credential) +
			                                         "' has a non-numeric date; expected YYYYMMDD");
		}
	}
	ParsedCredential parsed;
	parsed.access_key_id = std::string(pieces[0]);
	parsed.scope.day = std::string(pieces[1]);
	parsed.scope.region = std::string(pieces[2]);
	parsed.scope.service = std::string(pieces[3]);
	return Result<ParsedCredential>::Success(std::move(parsed));
}

Result<std::vector<std::string>> ParseSignedHeaders(std::string_view list) {
	std::vector<std::string> names;
	size_t position = 0;
	while (position <= list.size()) {
		size_t end = list.find(';', position);
		if (end == std::string_view::npos) {
			end = list.size();
		}
		std::string_view name = list.substr(position, end - position);
		if (name.empty()) {
			return Result<std::vector<std::string>>::Failure("signed header list '" + std::string(list) +
			                                                 "' has an empty name; expected names joined by ';'");
		}
		std::string lower(name);
		for (auto &c : lower) {
			c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
		}
		names.push_back(std::move(lower));
		position = end + 1;
	}
	return Result<std::vector<std::string>>::Success(std::move(names));
}

bool IsSignatureHex(std::string_view text) {
	if (text.size() != 64) {
		return false;
	}
	for (char c : text) {
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return true;
}

bool SignaturesEqual(std::string_view left, std::string_view right) {
	if (left.size() != right.size()) {
		return false;
	}
	unsigned char difference = 0;
	for (size_t char_idx = 0; char_idx < left.size(); char_idx++) {
		difference |= static_cast<unsigned char>(left[char_idx] ^ right[char_idx]);
	}
	return difference == 0;
}

Result<ParsedAuthorization> ParseAuthorizationHeader(std::string_view value) {
	using R = Result<ParsedAuthorization>;
	if (value.size() > AUTHORIZATION_HEADER_BYTES_MAX) {
		return R::Failure("Authorization header is " + std::to_string(value.size()) + " bytes; at most " +
		                  std::to_string(AUTHORIZATION_HEADER_BYTES_MAX) + " are allowed");
	}
	value = Trim(value);
	std::string_view algorithm = value.substr(0, value.find(' '));
	if (algorithm != SIGV4_ALGORITHM) {
		return R::Failure("Authorization algorithm '" + std::string(algorithm) +
		                  "' is not supported; only AWS4-HMAC-SHA256 (Signature Version 4) is allowed");
	}
	std::string_view rest = value.substr(algorithm.size());
	std::string_view credential, signed_headers, signature;
	bool have_credential = false, have_signed_headers = false, have_signature = false;
	size_t position = 0;
	while (position <= rest.size()) {
		size_t comma = rest.find(',', position);
		if (comma == std::string_view::npos) {
			comma = rest.size();
		}
		std::string_view component = Trim(rest.substr(position, comma - position));
		position = comma + 1;
		if (component.empty()) {
			continue;
		}
		size_t equals = component.find('=');
		if (equals == std::string_view::npos) {
			return R::Failure("Authorization component '" + std::string(component) +
			                  "' is malformed; expected Credential=..., SignedHeaders=..., Signature=...");
		}
		std::string_view key = component.substr(0, equals);
		std::string_view component_value = component.substr(equals + 1);
		if (key == "Credential") {
			credential = component_value;
			have_credential = true;
		} else if (key == "SignedHeaders") {
			signed_headers = component_value;
			have_signed_headers = true;
		} else if (key == "Signature") {
			signature = component_value;
			have_signature = true;
		} else {
			return R::Failure("Authorization component '" + std::string(key) +
			                  "' is unknown; expected Credential, SignedHeaders and Signature");
		}
	}
	if (!have_credential || !have_signed_headers || !have_signature) {
		return R::Failure("Authorization header lacks " +
		                  std::string(!have_credential       ? "Credential"
		                              : !have_signed_headers ? "SignedHeaders"
		                                                     : "Signature") +
		                  "; expected Credential=..., SignedHeaders=..., Signature=...");
	}
	auto parsed_credential = ParseCredential(credential);
	if (!parsed_credential.Ok()) {
		return R::Failure(parsed_credential.Error());
	}
	auto parsed_headers = ParseSignedHeaders(signed_headers);
	if (!parsed_headers.Ok()) {
		return R::Failure(parsed_headers.Error());
	}
	if (!IsSignatureHex(signature)) {
		return R::Failure("Authorization signature '" + std::string(signature.substr(0, 80)) +
		                  "' is malformed; expected 64 lower-case hex digits");
	}
	ParsedAuthorization parsed;
	parsed.credential = std::move(parsed_credential.Value());
	parsed.signed_headers = std::move(parsed_headers.Value());
	parsed.signature = std::string(signature);
	return R::Success(std::move(parsed));
}

} // namespace s3
} // namespace ducklake
