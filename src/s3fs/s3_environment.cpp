#include "s3fs/s3_environment.hpp"

#include "s3fs/aws_profile_file.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ducklake {

namespace {

std::optional<std::string> Environment(const char *name) {
	auto value = std::getenv(name);
	if (!value || !*value) {
		return std::nullopt;
	}
	return std::string(value);
}

std::string HomeFile(const char *override_variable, const char *relative) {
	if (auto path = Environment(override_variable)) {
		return *path;
	}
	auto home = Environment("HOME");
	return home ? *home + "/" + relative : std::string();
}

AwsIniSections ReadIniFile(const std::string &path) {
	const std::streamsize profile_file_bytes_max = 1 << 20;
	if (path.empty()) {
		return AwsIniSections();
	}
	std::ifstream in(path);
	if (!in) {
		return AwsIniSections();
	}
	std::string text(profile_file_bytes_max, '\0');
	in.read(&text[0], profile_file_bytes_max);
	text.resize(static_cast<size_t>(in.gcount()));
	return ParseAwsIni(text);
}

std::optional<std::string> Get(const std::map<std::string, std::string> &keys, const std::string &key) {
	auto entry = keys.find(key);
	if (entry == keys.end() || entry->second.empty()) {
		return std::nullopt;
	}
	return entry->second;
}

} // namespace

S3ConfigLayer ReadS3EnvironmentLayer() {
	S3ConfigLayer layer;
	layer.source = "the environment (AWS_*)";
	layer.key_id = Environment("AWS_ACCESS_KEY_ID");
	layer.secret = Environment("AWS_SECRET_ACCESS_KEY");
	layer.session_token = Environment("AWS_SESSION_TOKEN");
	layer.region = Environment("AWS_REGION");
	if (!layer.region) {
		layer.region = Environment("AWS_DEFAULT_REGION");
	}
	layer.endpoint = Environment("AWS_ENDPOINT_URL_S3");
	if (!layer.endpoint) {
		layer.endpoint = Environment("AWS_ENDPOINT_URL");
	}
	return layer;
}

S3ConfigLayer ReadS3ProfileLayer(const std::string &profile_p) {
	auto profile = profile_p;
	if (profile.empty()) {
		profile = Environment("AWS_PROFILE").value_or(Environment("AWS_DEFAULT_PROFILE").value_or("default"));
	}
	S3ConfigLayer layer;
	layer.source = "AWS profile \"" + profile + "\"";
	auto credentials = FindAwsProfile(ReadIniFile(HomeFile("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")),
	                                  AwsProfileFileKind::CREDENTIALS, profile);
	auto config =
	    FindAwsProfile(ReadIniFile(HomeFile("AWS_CONFIG_FILE", ".aws/config")), AwsProfileFileKind::CONFIG, profile);
	// The config file may hold credentials too; the credentials file wins, as in the AWS CLI.
	for (auto &source : {config, credentials}) {
		if (auto key_id = Get(source, "aws_access_key_id")) {
			layer.key_id = key_id;
			layer.secret = Get(source, "aws_secret_access_key");
			layer.session_token = Get(source, "aws_session_token");
		}
	}
	layer.region = Get(config, "region");
	layer.endpoint = Get(config, "endpoint_url");
	return layer;
}

} // namespace ducklake
