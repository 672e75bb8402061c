#include "s3fs/s3_secret.hpp"

#include "s3fs/s3_environment.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/main/extension/extension_loader.hpp"
#include "duckdb/main/secret/secret.hpp"

namespace ducklake {

namespace {

using duckdb::LogicalType;
using duckdb::Value;

const char *const TEXT_KEYS[] = {"key_id", "secret", "session_token", "region", "endpoint", "url_style"};

std::vector<std::string> ScopeOrDefault(const duckdb::CreateSecretInput &input) {
	if (!input.scope.empty()) {
		return input.scope;
	}
	return {"s3://", "s3a://", "s3n://"};
}

void CheckValues(const duckdb::KeyValueSecret &secret) {
	S3Config ignored;
	auto error = ResolveS3Config({S3SecretLayer(secret)}, ignored);
	if (!error.empty()) {
		throw duckdb::InvalidInputException(error);
	}
}

void CopyOptions(const duckdb::CreateSecretInput &input, duckdb::KeyValueSecret &secret) {
	for (auto &option : input.options) {
		auto key = duckdb::StringUtil::Lower(option.first);
		if (key == "use_ssl") {
			secret.secret_map[key] = Value::BOOLEAN(option.second.GetValue<bool>());
		} else if (key == "profile" || key == "chain") {
			continue;
		} else {
			secret.secret_map[key] = Value(option.second.ToString());
		}
	}
}

duckdb::unique_ptr<duckdb::BaseSecret> CreateFromConfig(duckdb::ClientContext &context,
                                                        duckdb::CreateSecretInput &input) {
	auto secret =
	    duckdb::make_uniq<duckdb::KeyValueSecret>(ScopeOrDefault(input), input.type, input.provider, input.name);
	CopyOptions(input, *secret);
	secret->redact_keys = {"secret", "session_token"};
	CheckValues(*secret);
	return std::move(secret);
}

duckdb::unique_ptr<duckdb::BaseSecret> CreateFromCredentialChain(duckdb::ClientContext &context,
                                                                 duckdb::CreateSecretInput &input) {
	auto secret =
	    duckdb::make_uniq<duckdb::KeyValueSecret>(ScopeOrDefault(input), input.type, input.provider, input.name);
	std::string profile;
	auto profile_entry = input.options.find("profile");
	if (profile_entry != input.options.end()) {
		profile = profile_entry->second.ToString();
	}
	S3Config resolved;
	auto error = ResolveS3Config({ReadS3EnvironmentLayer(), ReadS3ProfileLayer(profile)}, resolved);
	if (!error.empty()) {
		throw duckdb::InvalidInputException(error);
	}
	if (resolved.Anonymous()) {
		throw duckdb::InvalidInputException(
		    "CREATE SECRET (TYPE s3, PROVIDER credential_chain) found no credentials: set AWS_ACCESS_KEY_ID and "
		    "AWS_SECRET_ACCESS_KEY, or add aws_access_key_id/aws_secret_access_key to the profile \"" +
		    (profile.empty() ? std::string("default") : profile) + "\" in ~/.aws/credentials");
	}
	secret->secret_map["key_id"] = Value(resolved.key_id);
	secret->secret_map["secret"] = Value(resolved.secret);
	if (!resolved.session_token.empty()) {
		secret->secret_map["session_token"] = Value(resolved.session_token);
	}
	// Only what the chain actually set: defaults must not shadow the s3_* settings.
	for (auto &layer : {ReadS3EnvironmentLayer(), ReadS3ProfileLayer(profile)}) {
		if (layer.region && !secret->secret_map.count("region")) {
			secret->secret_map["region"] = Value(*layer.region);
		}
		if (layer.endpoint && !secret->secret_map.count("endpoint")) {
			secret->secret_map["endpoint"] = Value(*layer.endpoint);
		}
	}
	CopyOptions(input, *secret);
	secret->redact_keys = {"secret", "session_token"};
	CheckValues(*secret);
	return std::move(secret);
}

void AddCommonParameters(duckdb::CreateSecretFunction &function) {
	for (auto key : TEXT_KEYS) {
		function.named_parameters[key] = LogicalType::VARCHAR;
	}
	function.named_parameters["use_ssl"] = LogicalType::BOOLEAN;
	// Accepted for script compatibility with httpfs; s3fs has no use for them.
	function.named_parameters["url_compatibility_mode"] = LogicalType::BOOLEAN;
	function.named_parameters["account_id"] = LogicalType::VARCHAR;
}

} // namespace

S3ConfigLayer S3SecretLayer(const duckdb::KeyValueSecret &secret) {
	S3ConfigLayer layer;
	layer.source = "secret \"" + secret.GetName() + "\"";
	auto text = [&](const char *key) -> std::optional<std::string> {
		Value value;
		if (!secret.TryGetValue(key, value) || value.IsNull()) {
			return std::nullopt;
		}
		return value.ToString();
	};
	layer.key_id = text("key_id");
	layer.secret = text("secret");
	layer.session_token = text("session_token");
	layer.region = text("region");
	layer.endpoint = text("endpoint");
	layer.url_style = text("url_style");
	Value use_ssl;
	if (secret.TryGetValue("use_ssl", use_ssl) && !use_ssl.IsNull()) {
		layer.use_ssl = use_ssl.GetValue<bool>();
	}
	return layer;
}

void RegisterS3SecretType(duckdb::ExtensionLoader &loader) {
	duckdb::SecretType type;
	type.name = "s3";
	type.deserializer = duckdb::KeyValueSecret::Deserialize<duckdb::KeyValueSecret>;
	type.default_provider = "config";
	type.extension = "ducklake";
	loader.RegisterSecretType(type);

	duckdb::CreateSecretFunction config_function {"s3", "config", CreateFromConfig, {}};
	AddCommonParameters(config_function);
	loader.RegisterFunction(config_function);

	duckdb::CreateSecretFunction chain_function {"s3", "credential_chain", CreateFromCredentialChain, {}};
	AddCommonParameters(chain_function);
	chain_function.named_parameters["profile"] = LogicalType::VARCHAR;
	chain_function.named_parameters["chain"] = LogicalType::VARCHAR;
	loader.RegisterFunction(chain_function);
}

} // namespace ducklake
