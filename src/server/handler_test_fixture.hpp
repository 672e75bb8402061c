// Test fixture for S3Handler: a fresh root in a temp directory, a fixed clock, and helpers that sign
// requests the way S3 clients do (with the SigV4 signer that src/s3 tests against the AWS examples).
#pragma once

#include "s3/crypto_digest.hpp"
#include "s3/http_date.hpp"
#include "s3/sigv4_signer.hpp"
#include "server/multipart_store.hpp"
#include "server/object_store.hpp"
#include "server/s3_handler.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <unistd.h>

namespace ducklake {
namespace server {

struct TestResponse {
	uint16_t status = 0;
	std::string body;
	std::vector<s3::HttpHeader> headers;
	std::string error_code;

	std::string Header(const std::string &name) const {
		for (auto &header : headers) {
			if (strcasecmp(header.name.c_str(), name.c_str()) == 0) {
				return header.value;
			}
		}
		return "";
	}
};

class HandlerTest : public ::testing::Test {
protected:
	static constexpr int64_t NOW = 1700000000; // 2023-11-14T22:13:20Z
	const std::string ACCESS_KEY = "AKIDTEST";
	const std::string SECRET_KEY = "secret/with+chars";
	const std::string HOST = "127.0.0.1:9000";

	void SetUp() override {
		char pattern[] = "/tmp/s3d_handler_test_XXXXXX";
		root = mkdtemp(pattern);
		Reopen();
	}
	void TearDown() override {
		handler.reset();
		uploads.reset();
		objects.reset();
		std::error_code error;
		std::filesystem::remove_all(root, error);
	}
	void Reopen(std::set<std::string> anonymous = {}) {
		handler.reset();
		uploads.reset();
		objects.reset();
		objects.reset(new ObjectStore(root));
		auto opened = objects->Open();
		ASSERT_TRUE(opened.Ok()) << opened.Failure().message;
		uploads.reset(new MultipartStore(*objects));
		HandlerConfig config;
		config.auth.keys = {{ACCESS_KEY, SECRET_KEY}, {"SECONDKEY", "second-secret"}};
		config.auth.anonymous_read_buckets = std::move(anonymous);
		config.now = [this] {
			return clock;
		};
		handler.reset(new S3Handler(config, *objects, *uploads));
	}

	//! Sends `method target` with `headers` and `body`, signed with SigV4 (payload hash of the body)
	//! unless `sign` is false.
	TestResponse Send(const std::string &method, const std::string &target, std::vector<s3::HttpHeader> headers = {},
	                  const std::string &body = "", bool sign = true, std::string payload_hash = "") {
		if (sign) {
			size_t question = target.find('?');
			s3::SigningRequest signing;
			signing.method = method;
			signing.host = HOST;
			signing.encoded_path = target.substr(0, question);
			if (question != std::string::npos) {
				signing.query = s3::ParseQueryString(target.substr(question + 1)).Value();
			}
			signing.headers = headers;
			signing.payload_hash = payload_hash.empty() ? s3::Sha256Hex(body) : payload_hash;
			auto added = s3::SignRequestHeaders(signing, {ACCESS_KEY, SECRET_KEY, ""}, "us-east-1", clock);
			headers.insert(headers.end(), added.begin(), added.end());
		}
		return Raw(method, target, headers, body);
	}
	TestResponse Raw(const std::string &method, const std::string &target, std::vector<s3::HttpHeader> headers,
	                 const std::string &body) {
		headers.push_back({"Host", HOST});
		StringRequestBody request_body(body);
		HttpRequest request;
		request.method = method;
		request.target = target;
		request.headers = headers;
		request.body = &request_body;
		HttpResponse response = handler->Handle(request);
		TestResponse result;
		result.status = response.status;
		result.headers = response.headers;
		result.error_code = response.error_code;
		if (response.file) {
			result.body.resize(response.file->length);
			ssize_t got =
			    pread(response.file->fd, &result.body[0], response.file->length, off_t(response.file->offset));
			EXPECT_EQ(uint64_t(got), response.file->length);
		} else {
			result.body = response.body;
		}
		return result;
	}
	void CreateBucket(const std::string &bucket) {
		ASSERT_EQ(Send("PUT", "/" + bucket).status, 200);
	}
	void Put(const std::string &target, const std::string &body, std::vector<s3::HttpHeader> headers = {}) {
		auto response = Send("PUT", target, headers, body);
		ASSERT_EQ(response.status, 200) << target << ": " << response.body;
	}

	std::string root;
	int64_t clock = NOW;
	std::unique_ptr<ObjectStore> objects;
	std::unique_ptr<MultipartStore> uploads;
	std::unique_ptr<S3Handler> handler;
};

} // namespace server
} // namespace ducklake
