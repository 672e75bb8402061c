#include "server/request_auth.hpp"

#include "s3/crypto_digest.hpp"
#include "s3/http_date.hpp"
#include "s3/sigv4_authorization.hpp"

#include <cstdlib>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

static const AccessKey *FindKey(const AuthConfig &config, const std::string &access_key_id) {
	for (auto &key : config.keys) {
		if (key.access_key_id == access_key_id) {
			return &key;
		}
	}
	return nullptr;
}

static std::string QueryValue(const std::vector<s3::QueryParameter> &query, const char *name) {
	for (auto &parameter : query) {
		if (parameter.name == name) {
			return parameter.value;
		}
	}
	return "";
}

static bool HasQuery(const std::vector<s3::QueryParameter> &query, const char *name) {
	for (auto &parameter : query) {
		if (parameter.name == name) {
			return true;
		}
	}
	return false;
}

//! The canonical URI candidates: S3's encoding of the decoded path, then the path exactly as sent
//! (clients that encode fewer characters than S3 sign what they sent).
static std::vector<std::string> CanonicalPathCandidates(const std::string &raw_path) {
	std::vector<std::string> candidates;
	auto decoded = s3::UriDecode(raw_path, false);
	if (decoded.Ok()) {
		candidates.push_back(s3::CanonicalUri(decoded.Value()));
	}
	if (candidates.empty() || candidates[0] != raw_path) {
		candidates.push_back(raw_path.empty() ? "/" : raw_path);
	}
	return candidates;
}

static Outcome<bool> CheckScope(const s3::ParsedCredential &credential, const std::string &amz_date,
                                const AuthConfig &config, S3ErrorCode malformed) {
	if (credential.scope.service != "s3") {
		return Fail(malformed, "credential scope names service '" + credential.scope.service + "'; expected 's3'");
	}
	if (credential.scope.region != config.region) {
		return Fail(malformed, "the region '" + credential.scope.region + "' is wrong; expecting '" + config.region +
		                           "' (set the client's region to " + config.region + ")");
	}
	if (amz_date.compare(0, 8, credential.scope.day) != 0) {
		return Fail(malformed, "credential date " + credential.scope.day + " does not match the request date " +
		                           amz_date.substr(0, 8));
	}
	return true;
}

static Outcome<AuthResult> VerifySignature(const HttpRequest &request, const std::string &raw_path,
                                           std::vector<s3::QueryParameter> query,
                                           const std::vector<std::string> &signed_headers,
                                           const std::string &payload_hash, const std::string &amz_date,
                                           const s3::ParsedCredential &credential, const std::string &signature,
                                           const AccessKey &key) {
	s3::CanonicalRequestParts parts;
	parts.method = request.method;
	parts.query = std::move(query);
	parts.headers = request.headers;
	parts.signed_headers = signed_headers;
	parts.payload_hash = payload_hash;
	std::string signing_key = s3::DeriveSigningKey(key.secret_access_key, credential.scope);
	for (auto &candidate : CanonicalPathCandidates(raw_path)) {
		parts.encoded_path = candidate;
		std::string expected =
		    s3::SignatureHex(signing_key, s3::StringToSign(amz_date, credential.scope, s3::CanonicalRequest(parts)));
		if (s3::SignaturesEqual(expected, signature)) {
			AuthResult result;
			result.access_key_id = key.access_key_id;
			result.chunk_signing = s3::ChunkSigningContext {signing_key, amz_date, credential.scope, signature};
			return result;
		}
	}
	return Fail(S3ErrorCode::SIGNATURE_DOES_NOT_MATCH,
	            "The request signature we calculated does not match the signature you provided. Check your secret "
	            "key, region (" +
	                credential.scope.region + "), endpoint and URL style.");
}

static Outcome<AuthResult> AuthenticateHeader(const HttpRequest &request, const std::string &raw_path,
                                              const std::vector<s3::QueryParameter> &query, const AuthConfig &config,
                                              int64_t now) {
	auto parsed = s3::ParseAuthorizationHeader(request.Header("authorization"));
	if (!parsed.Ok()) {
		if (request.Header("authorization").compare(0, 4, "AWS ") == 0) {
			return Fail(S3ErrorCode::INVALID_REQUEST, "Signature Version 2 is not supported; configure the client for "
			                                          "Signature Version 4 (AWS4-HMAC-SHA256)");
		}
		return Fail(S3ErrorCode::AUTHORIZATION_HEADER_MALFORMED, parsed.Error());
	}
	auto &authorization = parsed.Value();
	const AccessKey *key = FindKey(config, authorization.credential.access_key_id);
	if (!key) {
		return Fail(S3ErrorCode::INVALID_ACCESS_KEY_ID, "The AWS access key ID '" +
		                                                    authorization.credential.access_key_id +
		                                                    "' you provided does not exist in our records.");
	}
	std::string amz_date = request.Header("x-amz-date");
	int64_t request_time = 0;
	if (!amz_date.empty()) {
		auto time = s3::ParseAmzDate(amz_date);
		if (!time.Ok()) {
			return Fail(S3ErrorCode::ACCESS_DENIED, "x-amz-date: " + time.Error());
		}
		request_time = time.Value();
	} else {
		auto time = s3::ParseHttpDate(request.Header("date"));
		if (!time.Ok()) {
			return Fail(S3ErrorCode::ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
		}
		request_time = time.Value();
		amz_date = s3::FormatAmzDate(request_time);
	}
	if (std::llabs(now - request_time) > config.clock_skew_seconds_max) {
		return Fail(S3ErrorCode::REQUEST_TIME_TOO_SKEWED,
		            "The difference between the request time (" + s3::FormatAmzDate(request_time) +
		                ") and the server time (" + s3::FormatAmzDate(now) + ") is larger than " +
		                std::to_string(config.clock_skew_seconds_max) + " seconds; check the client's clock");
	}
	auto scope = CheckScope(authorization.credential, amz_date, config, S3ErrorCode::AUTHORIZATION_HEADER_MALFORMED);
	if (!scope.Ok()) {
		return scope.Failure();
	}
	std::string payload_hash = request.Header("x-amz-content-sha256");
	if (payload_hash.empty()) {
		return Fail(S3ErrorCode::INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
	}
	auto verified = VerifySignature(request, raw_path, query, authorization.signed_headers, payload_hash, amz_date,
	                                authorization.credential, authorization.signature, *key);
	if (!verified.Ok()) {
		return verified;
	}
	AuthResult &result = verified.Value();
	if (payload_hash == s3::UNSIGNED_PAYLOAD) {
		result.payload_mode = PayloadMode::UNSIGNED;
	} else if (payload_hash == s3::STREAMING_SIGNED_PAYLOAD) {
		result.payload_mode = PayloadMode::STREAMING_SIGNED;
	} else if (payload_hash == s3::STREAMING_SIGNED_PAYLOAD_TRAILER) {
		result.payload_mode = PayloadMode::STREAMING_SIGNED_TRAILER;
	} else if (payload_hash == s3::STREAMING_UNSIGNED_PAYLOAD_TRAILER) {
		result.payload_mode = PayloadMode::STREAMING_UNSIGNED_TRAILER;
	} else if (s3::IsSignatureHex(payload_hash)) {
		result.payload_mode = PayloadMode::SIGNED_SHA256;
		result.payload_sha256_hex = payload_hash;
	} else {
		return Fail(S3ErrorCode::INVALID_ARGUMENT, "x-amz-content-sha256 '" + payload_hash.substr(0, 80) +
		                                               "' is neither a hex SHA-256 nor a supported payload mode");
	}
	return verified;
}

static Outcome<AuthResult> AuthenticatePresigned(const HttpRequest &request, const std::string &raw_path,
                                                 const std::vector<s3::QueryParameter> &query, const AuthConfig &config,
                                                 int64_t now) {
	const auto malformed = S3ErrorCode::AUTHORIZATION_QUERY_PARAMETERS_ERROR;
	if (QueryValue(query, "X-Amz-Algorithm") != s3::SIGV4_ALGORITHM) {
		return Fail(malformed, "X-Amz-Algorithm must be AWS4-HMAC-SHA256");
	}
	auto credential = s3::ParseCredential(QueryValue(query, "X-Amz-Credential"));
	if (!credential.Ok()) {
		return Fail(malformed, "X-Amz-Credential: " + credential.Error());
	}
	const AccessKey *key = FindKey(config, credential.Value().access_key_id);
	if (!key) {
		return Fail(S3ErrorCode::INVALID_ACCESS_KEY_ID, "The AWS access key ID '" + credential.Value().access_key_id +
		                                                    "' you provided does not exist in our records.");
	}
	std::string amz_date = QueryValue(query, "X-Amz-Date");
	auto request_time = s3::ParseAmzDate(amz_date);
	if (!request_time.Ok()) {
		return Fail(malformed, "X-Amz-Date: " + request_time.Error());
	}
	std::string expires_text = QueryValue(query, "X-Amz-Expires");
	char *end = nullptr;
	long long expires = std::strtoll(expires_text.c_str(), &end, 10);
	if (expires_text.empty() || *end != '\0' || expires < 1 || expires > s3::PRESIGN_EXPIRES_SECONDS_MAX) {
		return Fail(malformed, "X-Amz-Expires must be an integer from 1 to 604800 seconds");
	}
	if (request_time.Value() - now > config.clock_skew_seconds_max) {
		return Fail(S3ErrorCode::ACCESS_DENIED, "Request is not valid yet (X-Amz-Date " + amz_date + ")");
	}
	if (now > request_time.Value() + expires) {
		return Fail(S3ErrorCode::ACCESS_DENIED,
		            "Request has expired (X-Amz-Date " + amz_date + " + X-Amz-Expires " + expires_text + " seconds)");
	}
	auto scope = CheckScope(credential.Value(), amz_date, config, malformed);
	if (!scope.Ok()) {
		return scope.Failure();
	}
	auto signed_headers = s3::ParseSignedHeaders(QueryValue(query, "X-Amz-SignedHeaders"));
	if (!signed_headers.Ok()) {
		return Fail(malformed, "X-Amz-SignedHeaders: " + signed_headers.Error());
	}
	std::string signature = QueryValue(query, "X-Amz-Signature");
	if (!s3::IsSignatureHex(signature)) {
		return Fail(malformed, "X-Amz-Signature must be 64 lower-case hex digits");
	}
	std::vector<s3::QueryParameter> signed_query;
	for (auto &parameter : query) {
		if (parameter.name != "X-Amz-Signature") {
			signed_query.push_back(parameter);
		}
	}
	std::string payload_hash = QueryValue(query, "X-Amz-Content-Sha256");
	if (payload_hash.empty()) {
		payload_hash = s3::UNSIGNED_PAYLOAD;
	}
	auto verified = VerifySignature(request, raw_path, signed_query, signed_headers.Value(), payload_hash, amz_date,
	                                credential.Value(), signature, *key);
	if (verified.Ok()) {
		verified.Value().payload_mode = PayloadMode::UNSIGNED;
		verified.Value().chunk_signing.reset();
	}
	return verified;
}

Outcome<AuthResult> Authenticate(const HttpRequest &request, const std::string &raw_path,
                                 const std::vector<s3::QueryParameter> &query, const std::string &bucket,
                                 const AuthConfig &config, int64_t now_epoch_seconds) {
	if (request.HasHeader("authorization")) {
		return AuthenticateHeader(request, raw_path, query, config, now_epoch_seconds);
	}
	if (HasQuery(query, "X-Amz-Credential") || HasQuery(query, "X-Amz-Signature")) {
		return AuthenticatePresigned(request, raw_path, query, config, now_epoch_seconds);
	}
	if (HasQuery(query, "AWSAccessKeyId") && HasQuery(query, "Signature")) {
		return Fail(S3ErrorCode::INVALID_REQUEST, "Signature Version 2 presigned URLs are not supported; presign with "
		                                          "Signature Version 4 (e.g. boto3 Config(signature_version='s3v4'))");
	}
	bool read = request.method == "GET" || request.method == "HEAD";
	if (read && !bucket.empty() && config.anonymous_read_buckets.count(bucket)) {
		AuthResult result;
		result.anonymous = true;
		return result;
	}
	return Fail(S3ErrorCode::ACCESS_DENIED, "Access Denied: the request is not signed and bucket '" + bucket +
	                                            "' does not allow anonymous reads; sign it with an access key");
}

} // namespace server
} // namespace ducklake
