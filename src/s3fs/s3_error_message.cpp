#include "s3fs/s3_error_message.hpp"

#include "s3/error_xml.hpp"

namespace ducklake {

namespace {

std::string Quote(const std::string &text) {
	return "'" + text + "'";
}

std::string StyleName(S3UrlStyle style) {
	return style == S3UrlStyle::PATH ? "path" : "vhost";
}

std::string CredentialsPhrase(const S3Config &config) {
	if (config.Anonymous()) {
		return "no credentials were found (requests are anonymous): CREATE SECRET (TYPE s3, KEY_ID '...', SECRET "
		       "'...'), SET s3_access_key_id/s3_secret_access_key, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
	}
	return "the access key id " + Quote(config.key_id) + " from " + config.credentials_source;
}

std::string Hint(const S3FailureContext &context, const HttpResponse &response, const std::string &code) {
	if (!context.config) {
		return std::string();
	}
	auto &config = *context.config;
	auto endpoint = config.Scheme() + "://" + config.endpoint;
	if (response.transport_error == TransportError::CONNECT) {
		return "cannot connect to the endpoint " + Quote(endpoint) +
		       ": check ENDPOINT (or s3_endpoint / AWS_ENDPOINT_URL) and USE_SSL, and that the server is running";
	}
	if (response.transport_error == TransportError::TIMEOUT) {
		return "the endpoint " + Quote(endpoint) + " did not answer in time: check the network or raise http_timeout";
	}
	if (response.transport_error == TransportError::TLS_CERTIFICATE) {
		return "the endpoint " + Quote(endpoint) +
		       " presented a certificate that no trusted CA signed, or that names another host: trust its CA "
		       "with SET ca_cert_file = '<CA certificate in PEM>', or check the endpoint";
	}
	if (response.transport_error == TransportError::OTHER) {
		return "check the endpoint " + Quote(endpoint) +
		       " and USE_SSL (an http server spoken to with https, or "
		       "the reverse, fails like this)";
	}
	if (response.transport_error != TransportError::NONE) {
		return std::string();
	}
	if (code == "SignatureDoesNotMatch") {
		return "the server computed a different signature: check the secret access key (" + CredentialsPhrase(config) +
		       "), the region " + Quote(config.region) + ", the endpoint " + Quote(endpoint) + " and the URL style " +
		       Quote(StyleName(config.url_style)) + " (most S3-compatible servers need URL_STYLE 'path')";
	}
	if (code == "InvalidAccessKeyId") {
		return "the server does not know " + CredentialsPhrase(config) + ": check KEY_ID and that the endpoint " +
		       Quote(endpoint) + " is the intended server";
	}
	if (code == "NoSuchBucket") {
		return "bucket " + Quote(context.bucket) + " does not exist at " + Quote(endpoint) +
		       ": create it, or check the bucket name, the endpoint and the URL style " +
		       Quote(StyleName(config.url_style));
	}
	if (code == "NoSuchKey" || (response.status == 404 && code.empty())) {
		return "no object s3://" + context.bucket + "/" + context.key + " at " + Quote(endpoint) +
		       ": check the key (S3 keys are case-sensitive) and the bucket";
	}
	if (code == "AuthorizationHeaderMalformed" || code == "PermanentRedirect" || response.status == 301) {
		return "the bucket expects another region or endpoint than region " + Quote(config.region) + " at " +
		       Quote(endpoint) + ": set REGION (or s3_region / AWS_REGION) to the bucket's region";
	}
	if (code == "RequestTimeTooSkewed") {
		return "this machine's clock differs from the server's by more than 15 minutes: fix the clock";
	}
	if (code == "ExpiredToken" || code == "InvalidToken") {
		return "the session token has expired or is invalid: refresh SESSION_TOKEN and the key pair";
	}
	if (code == "AccessDenied" || response.status == 403) {
		return "access was refused for " + CredentialsPhrase(config) + ": check the credentials' permissions on s3://" +
		       context.bucket + ", and the region " + Quote(config.region) + ", endpoint " + Quote(endpoint) +
		       " and URL style " + Quote(StyleName(config.url_style));
	}
	if (code == "SlowDown" || response.status == 503) {
		return "the server is throttling requests: retry later or raise http_retries / http_retry_wait_ms";
	}
	return std::string();
}

} // namespace

std::string S3ErrorCodeOf(const HttpResponse &response) {
	if (response.body.empty()) {
		return std::string();
	}
	auto parsed = s3::ParseErrorXml(response.body);
	return parsed.Ok() ? parsed.Value().code : std::string();
}

std::string DescribeS3Failure(const S3FailureContext &context, const HttpResponse &response) {
	std::string message = "S3 " + context.operation + " s3://" + context.bucket + "/" + context.key + " failed: ";
	std::string code;
	if (response.transport_error != TransportError::NONE) {
		message += std::string(TransportErrorName(response.transport_error)) + " (" + response.transport_message + ")";
	} else {
		message += "HTTP " + std::to_string(response.status);
		auto parsed =
		    response.body.empty() ? s3::Result<s3::S3ErrorBody>::Failure("no body") : s3::ParseErrorXml(response.body);
		if (parsed.Ok()) {
			code = parsed.Value().code;
			message += " " + code;
			if (!parsed.Value().message.empty()) {
				message += " (" + parsed.Value().message + ")";
			}
		}
	}
	if (response.attempts > 1) {
		message += " after " + std::to_string(response.attempts) + " attempts";
	}
	auto hint = Hint(context, response, code);
	if (!hint.empty()) {
		message += ". Hint: " + hint;
	}
	return message;
}

} // namespace ducklake
