// The S3 error table.
#include "s3/s3_error.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(S3Error, EveryCodeHasItsOwnRow) {
	for (int code_idx = 0; code_idx <= static_cast<int>(S3ErrorCode::X_AMZ_CONTENT_SHA256_MISMATCH); code_idx++) {
		auto code = static_cast<S3ErrorCode>(code_idx);
		EXPECT_EQ(ErrorInfo(code).code, code) << code_idx;
		EXPECT_EQ(ErrorInfoForCode(ErrorInfo(code).name), &ErrorInfo(code));
	}
}

TEST(S3Error, StatusesAndRetryability) {
	EXPECT_EQ(ErrorInfo(S3ErrorCode::NO_SUCH_KEY).http_status, 404);
	EXPECT_EQ(ErrorInfo(S3ErrorCode::INVALID_RANGE).http_status, 416);
	EXPECT_EQ(ErrorInfo(S3ErrorCode::PRECONDITION_FAILED).http_status, 412);
	EXPECT_TRUE(ErrorInfoForCode("SlowDown")->retryable);
	EXPECT_FALSE(ErrorInfoForCode("SignatureDoesNotMatch")->retryable);
	EXPECT_EQ(ErrorInfoForCode("NoSuchThing"), nullptr);
	EXPECT_TRUE(IsRetryableHttpStatus(503));
	EXPECT_TRUE(IsRetryableHttpStatus(429));
	EXPECT_FALSE(IsRetryableHttpStatus(501));
	EXPECT_FALSE(IsRetryableHttpStatus(404));
}
