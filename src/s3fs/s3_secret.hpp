//===----------------------------------------------------------------------===//
// The `s3` secret type, compatible with httpfs's:
//
//     CREATE [PERSISTENT] SECRET name (TYPE s3, KEY_ID '...', SECRET '...', SESSION_TOKEN '...',
//         REGION '...', ENDPOINT 'host:port', URL_STYLE 'path'|'vhost', USE_SSL false, SCOPE 's3://b/');
//
// Provider `config` (the default) stores what is given. Provider `credential_chain` resolves the
// environment and the AWS profile files (PROFILE 'name' picks one) once, at CREATE time, like the
// aws extension does; explicit REGION/ENDPOINT/URL_STYLE/USE_SSL still win. Without SCOPE a secret
// applies to s3://, s3a:// and s3n://. Secret and session token are redacted in duckdb_secrets().
// Secrets are KeyValueSecrets, so PERSISTENT ones survive a restart.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/s3_config.hpp"

namespace duckdb {
class ExtensionLoader;
class KeyValueSecret;
} // namespace duckdb

namespace ducklake {

void RegisterS3SecretType(duckdb::ExtensionLoader &loader);

//! The configuration layer a stored s3 secret contributes.
S3ConfigLayer S3SecretLayer(const duckdb::KeyValueSecret &secret);

} // namespace ducklake
