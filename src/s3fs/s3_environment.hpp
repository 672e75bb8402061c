//===----------------------------------------------------------------------===//
// The environment and AWS-profile layers of the S3 configuration.
//
// Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION (else
// AWS_DEFAULT_REGION), AWS_ENDPOINT_URL_S3 (else AWS_ENDPOINT_URL).
// Profile: AWS_PROFILE (else AWS_DEFAULT_PROFILE, else "default") from AWS_SHARED_CREDENTIALS_FILE
// (else ~/.aws/credentials) and AWS_CONFIG_FILE (else ~/.aws/config): aws_access_key_id,
// aws_secret_access_key, aws_session_token, region, endpoint_url. Missing or unreadable files
// contribute nothing. Reads process state only; never throws.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/s3_config.hpp"

namespace ducklake {

S3ConfigLayer ReadS3EnvironmentLayer();

//! `profile` empty means AWS_PROFILE / AWS_DEFAULT_PROFILE / "default".
S3ConfigLayer ReadS3ProfileLayer(const std::string &profile = std::string());

} // namespace ducklake
