#include "s3/sigv4_signer.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/http_date.hpp"

#include <algorithm>
#include <cctype>

namespace ducklake {
namespace s3 {

static std::string Lower(std::string_view text) {
	std::string out(text);
	for (auto &c : out) {
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	}
	return out;
}

static std::string NormalizeHeaderValue(std::string_view value) {
	std::string out;
	out.reserve(value.size());
	bool pending_space = false;
	for (char c : value) {
		if (c == ' ' || c == '\t') {
			pending_space = !out.empty();
			continue;
		}
		if (pending_space) {
			out.push_back(' ');
			pending_space = false;
		}
		out.push_back(c);
	}
	return out;
}

static std::vector<std::string> SortedLowerUnique(const std::vector<std::string> &names) {
	std::vector<std::string> sorted;
	sorted.reserve(names.size());
	for (auto &name : names) {
		sorted.push_back(Lower(name));
	}
	std::sort(sorted.begin(), sorted.end());
	sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
	return sorted;
}

std::string CredentialScope::ToString() const {
	return day + "/" + region + "/" + service + "/aws4_request";
}

std::string CanonicalUri(std::string_view decoded_path) {
	return UriEncode(decoded_path, false);
}

std::string CanonicalQueryString(const std::vector<QueryParameter> &query) {
	std::vector<std::pair<std::string, std::string>> encoded;
	encoded.reserve(query.size());
	for (auto &parameter : query) {
		encoded.emplace_back(UriEncode(parameter.name, true), UriEncode(parameter.value, true));
	}
	std::sort(encoded.begin(), encoded.end());
	std::string out;
	for (auto &entry : encoded) {
		if (!out.empty()) {
			out.push_back('&');
		}
		out += entry.first;
		out.push_back('=');
		out += entry.second;
	}
	return out;
}

std::string CanonicalHeaders(const std::vector<HttpHeader> &headers, const std::vector<std::string> &signed_headers) {
	std::string out;
	for (auto &name : SortedLowerUnique(signed_headers)) {
		std::string joined;
		bool first = true;
		for (auto &header : headers) {
			if (Lower(header.name) != name) {
				continue;
			}
			if (!first) {
				joined.push_back(',');
			}
			joined += NormalizeHeaderValue(header.value);
			first = false;
		}
		out += name;
		out.push_back(':');
		out += joined;
		out.push_back('\n');
	}
	return out;
}

std::string SignedHeadersList(const std::vector<std::string> &signed_headers) {
	std::string out;
	for (auto &name : SortedLowerUnique(signed_headers)) {
		if (!out.empty()) {
			out.push_back(';');
		}
		out += name;
	}
	return out;
}

std::string CanonicalRequest(const CanonicalRequestParts &parts) {
	std::string out;
	out += parts.method;
	out.push_back('\n');
	out += parts.encoded_path.empty() ? "/" : parts.encoded_path;
	out.push_back('\n');
	out += CanonicalQueryString(parts.query);
	out.push_back('\n');
	out += CanonicalHeaders(parts.headers, parts.signed_headers);
	out.push_back('\n');
	out += SignedHeadersList(parts.signed_headers);
	out.push_back('\n');
	out += parts.payload_hash;
	return out;
}

std::string StringToSign(std::string_view amz_date, const CredentialScope &scope, std::string_view canonical_request) {
	std::string out = SIGV4_ALGORITHM;
	out.push_back('\n');
	out += amz_date;
	out.push_back('\n');
	out += scope.ToString();
	out.push_back('\n');
	out += Sha256Hex(canonical_request);
	return out;
}

std::string DeriveSigningKey(std::string_view secret_access_key, const CredentialScope &scope) {
	std::string date_key = HmacSha256("AWS4" + std::string(secret_access_key), scope.day);
	std::string region_key = HmacSha256(date_key, scope.region);
	std::string service_key = HmacSha256(region_key, scope.service);
	return HmacSha256(service_key, "aws4_request");
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
	return HexEncode(HmacSha256(signing_key, string_to_sign));
}

std::string AuthorizationHeaderValue(std::string_view access_key_id, const CredentialScope &scope,
                                     std::string_view signed_headers_list, std::string_view signature_hex) {
	std::string out = SIGV4_ALGORITHM;
	out += " Credential=";
	out += access_key_id;
	out.push_back('/');
	out += scope.ToString();
	out += ",SignedHeaders=";
	out += signed_headers_list;
	out += ",Signature=";
	out += signature_hex;
	return out;
}

static std::string ChainedStringToSign(const char *algorithm, std::string_view amz_date, const CredentialScope &scope,
                                       std::string_view previous_signature, std::string_view hash_line) {
	std::string out = algorithm;
	out.push_back('\n');
	out += amz_date;
	out.push_back('\n');
	out += scope.ToString();
	out.push_back('\n');
	out += previous_signature;
	out.push_back('\n');
	out += hash_line;
	return out;
}

std::string ChunkStringToSign(std::string_view amz_date, const CredentialScope &scope,
                              std::string_view previous_signature, std::string_view chunk_sha256_hex) {
	std::string hash_lines = EMPTY_SHA256_HEX;
	hash_lines.push_back('\n');
	hash_lines += chunk_sha256_hex;
	return ChainedStringToSign("AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous_signature, hash_lines);
}

std::string TrailerStringToSign(std::string_view amz_date, const CredentialScope &scope,
                                std::string_view previous_signature, std::string_view trailer_sha256_hex) {
	return ChainedStringToSign("AWS4-HMAC-SHA256-TRAILER", amz_date, scope, previous_signature, trailer_sha256_hex);
}

std::vector<HttpHeader> SignRequestHeaders(const SigningRequest &request, const SigV4Credentials &credentials,
                                           std::string_view region, int64_t now_epoch_seconds) {
	std::string amz_date = FormatAmzDate(now_epoch_seconds);
	CredentialScope scope {AmzDateDay(amz_date), std::string(region), "s3"};

	std::vector<HttpHeader> added;
	added.push_back({"x-amz-date", amz_date});
	added.push_back({"x-amz-content-sha256", request.payload_hash});
	if (!credentials.session_token.empty()) {
		added.push_back({"x-amz-security-token", credentials.session_token});
	}

	CanonicalRequestParts parts;
	parts.method = request.method;
	parts.encoded_path = request.encoded_path;
	parts.query = request.query;
	parts.headers = request.headers;
	parts.headers.push_back({"host", request.host});
	parts.headers.insert(parts.headers.end(), added.begin(), added.end());
	for (auto &header : parts.headers) {
		parts.signed_headers.push_back(Lower(header.name));
	}
	parts.payload_hash = request.payload_hash;

	std::string signature = SignatureHex(DeriveSigningKey(credentials.secret_access_key, scope),
	                                     StringToSign(amz_date, scope, CanonicalRequest(parts)));
	added.push_back({"authorization", AuthorizationHeaderValue(credentials.access_key_id, scope,
	                                                           SignedHeadersList(parts.signed_headers), signature)});
	return added;
}

std::string PresignQueryString(const SigningRequest &request, const SigV4Credentials &credentials,
                               std::string_view region, int64_t now_epoch_seconds, int64_t expires_seconds) {
	expires_seconds = std::max<int64_t>(1, std::min(expires_seconds, PRESIGN_EXPIRES_SECONDS_MAX));
	std::string amz_date = FormatAmzDate(now_epoch_seconds);
	CredentialScope scope {AmzDateDay(amz_date), std::string(region), "s3"};

	CanonicalRequestParts parts;
	parts.method = request.method;
	parts.encoded_path = request.encoded_path;
	parts.headers = request.headers;
	parts.headers.push_back({"host", request.host});
	for (auto &header : parts.headers) {
		parts.signed_headers.push_back(Lower(header.name));
	}
	parts.payload_hash = UNSIGNED_PAYLOAD;
	parts.query = request.query;
	parts.query.push_back({"X-Amz-Algorithm", SIGV4_ALGORITHM});
	parts.query.push_back({"X-Amz-Credential", credentials.access_key_id + "/" + scope.ToString()});
	parts.query.push_back({"X-Amz-Date", amz_date});
	parts.query.push_back({"X-Amz-Expires", std::to_string(expires_seconds)});
	if (!credentials.session_token.empty()) {
		parts.query.push_back({"X-Amz-Security-Token", credentials.session_token});
	}
	parts.query.push_back({"X-Amz-SignedHeaders", SignedHeadersList(parts.signed_headers)});

	std::string signature = SignatureHex(DeriveSigningKey(credentials.secret_access_key, scope),
	                                     StringToSign(amz_date, scope, CanonicalRequest(parts)));
	return CanonicalQueryString(parts.query) + "&X-Amz-Signature=" + signature;
}

} // namespace s3
} // namespace ducklake
