#include "server/server_config.hpp"

#include <cstdlib>

namespace ducklake {
namespace server {

using R = s3::Result<ServerConfig>;

std::string ServerHelpText() {
	return R"(ducklake-s3d - an S3-compatible object server for the local DuckLake stack

USAGE
  ducklake-s3d --root DIR [--listen HOST:PORT] --access-key KEY --secret-key SECRET [options]

  Objects live under DIR as a tree you can browse: DIR/<bucket>/<key>. Point any S3 client at
  http://HOST:PORT with path-style addressing (or virtual-hosted names under --virtual-host-domain).
  With --tls-cert and --tls-key the port speaks HTTPS only (TLS 1.2 or newer): https://HOST:PORT.

EXAMPLE
  ducklake-s3d --root /srv/lake --listen 127.0.0.1:9000 --access-key lake --secret-key lakesecret
  AWS_ACCESS_KEY_ID=lake AWS_SECRET_ACCESS_KEY=lakesecret \
    aws --endpoint-url http://127.0.0.1:9000 s3 mb s3://warehouse
  In DuckDB: CREATE SECRET (TYPE s3, KEY_ID 'lake', SECRET 'lakesecret', ENDPOINT '127.0.0.1:9000',
             URL_STYLE 'path', USE_SSL false);

HTTPS
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout s3d.key -out s3d.crt
  ducklake-s3d --root /srv/lake --tls-cert s3d.crt --tls-key s3d.key --access-key lake --secret-key lakesecret
  aws --endpoint-url https://127.0.0.1:9000 --ca-bundle s3d.crt s3 ls      (curl: --cacert s3d.crt)
  Plain http:// requests to an HTTPS port get a 400 saying to use https://.

OPTIONS (each also settable as the environment variable shown)
  --root DIR                  data directory (must exist)                      DUCKLAKE_S3D_ROOT
  --listen HOST:PORT          address to listen on [127.0.0.1:9000]            DUCKLAKE_S3D_LISTEN
  --access-key KEY            an access key id; repeat with --secret-key       DUCKLAKE_S3D_ACCESS_KEY
  --secret-key SECRET         the secret of the preceding --access-key         DUCKLAKE_S3D_SECRET_KEY
  --credentials K:S[,K:S...]  several key pairs at once                        DUCKLAKE_S3D_CREDENTIALS
                              (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are used when nothing else is set)
  --region NAME               the region clients must sign for [us-east-1]     DUCKLAKE_S3D_REGION
  --anonymous-read B[,B...]   buckets anyone may GET/HEAD/list without keys    DUCKLAKE_S3D_ANONYMOUS_READ
  --virtual-host-domain D     serve <bucket>.D as virtual-hosted [localhost]   DUCKLAKE_S3D_VIRTUAL_HOST_DOMAIN
  --clock-skew-seconds N      accepted request clock difference [900]          DUCKLAKE_S3D_CLOCK_SKEW_SECONDS
  --max-connections N         concurrent connections; more wait [256]          DUCKLAKE_S3D_MAX_CONNECTIONS
  --idle-timeout-seconds N    close idle keep-alive connections after N [60]   DUCKLAKE_S3D_IDLE_TIMEOUT_SECONDS
  --request-timeout-seconds N bound on one read/write step of a request [300]  DUCKLAKE_S3D_REQUEST_TIMEOUT_SECONDS
  --shutdown-timeout-seconds N on SIGTERM, wait this long for requests [10]    DUCKLAKE_S3D_SHUTDOWN_TIMEOUT_SECONDS
  --multipart-expiry-hours N  delete unfinished multipart uploads after N h [168]
                                                                               DUCKLAKE_S3D_MULTIPART_EXPIRY_HOURS
  --tls-cert FILE             serve HTTPS: PEM certificate (chain, leaf first) DUCKLAKE_S3D_TLS_CERT
  --tls-key FILE              the PEM private key of --tls-cert (unencrypted)  DUCKLAKE_S3D_TLS_KEY
  --log-level LEVEL           error, warn, info (one line per request), debug  DUCKLAKE_S3D_LOG_LEVEL
  --version                   print the version
  --help                      print this help

ENDPOINTS
  GET /.s3d/health            200 "ok" while serving, 503 while shutting down (no auth needed)

SIGNALS
  SIGTERM/SIGINT stop accepting, finish in-flight requests (up to --shutdown-timeout-seconds), exit 0.
)";
}

static s3::Result<int64_t> ParseInteger(const std::string &flag, const std::string &text, int64_t minimum,
                                        int64_t maximum) {
	char *end = nullptr;
	long long value = std::strtoll(text.c_str(), &end, 10);
	if (text.empty() || *end != '\0' || value < minimum || value > maximum) {
		return s3::Result<int64_t>::Failure(flag + " '" + text + "' is invalid; expected an integer from " +
		                                    std::to_string(minimum) + " to " + std::to_string(maximum));
	}
	return s3::Result<int64_t>::Success(value);
}

static std::vector<std::string> SplitList(const std::string &text) {
	std::vector<std::string> items;
	size_t start = 0;
	while (start <= text.size()) {
		size_t comma = text.find(',', start);
		std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
		if (!item.empty()) {
			items.push_back(item);
		}
		if (comma == std::string::npos) {
			break;
		}
		start = comma + 1;
	}
	return items;
}

static std::string EnvironmentName(const std::string &flag) {
	std::string name = "DUCKLAKE_S3D_";
	for (char c : flag.substr(2)) {
		name.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
	}
	return name;
}

s3::Result<ServerConfig> ParseServerConfig(const std::vector<std::string> &arguments,
                                           const std::map<std::string, std::string> &environment) {
	static const std::vector<std::string> VALUE_FLAGS {"--root",
	                                                   "--listen",
	                                                   "--access-key",
	                                                   "--secret-key",
	                                                   "--credentials",
	                                                   "--region",
	                                                   "--anonymous-read",
	                                                   "--virtual-host-domain",
	                                                   "--clock-skew-seconds",
	                                                   "--max-connections",
	                                                   "--idle-timeout-seconds",
	                                                   "--request-timeout-seconds",
	                                                   "--shutdown-timeout-seconds",
	                                                   "--multipart-expiry-hours",
	                                                   "--tls-cert",
	                                                   "--tls-key",
	                                                   "--log-level"};
	// Collect flag values in order: environment first, command line after (so it wins).
	std::vector<std::pair<std::string, std::string>> settings;
	for (auto &flag : VALUE_FLAGS) {
		auto found = environment.find(EnvironmentName(flag));
		if (found != environment.end() && !found->second.empty()) {
			settings.emplace_back(flag, found->second);
		}
	}
	ServerConfig config;
	std::vector<std::pair<std::string, std::string>> command_line;
	for (size_t argument_idx = 0; argument_idx < arguments.size(); argument_idx++) {
		std::string argument = arguments[argument_idx];
		if (argument == "--help" || argument == "-h") {
			config.show_help = true;
			return R::Success(config);
		}
		if (argument == "--version") {
			config.show_version = true;
			return R::Success(config);
		}
		std::string value;
		size_t equals = argument.find('=');
		if (equals != std::string::npos) {
			value = argument.substr(equals + 1);
			argument = argument.substr(0, equals);
		}
		bool known = false;
		for (auto &flag : VALUE_FLAGS) {
			known = known || flag == argument;
		}
		if (!known) {
			return R::Failure("unknown option '" + arguments[argument_idx] + "'; see ducklake-s3d --help");
		}
		if (equals == std::string::npos) {
			if (argument_idx + 1 >= arguments.size()) {
				return R::Failure("option " + argument + " needs a value; see ducklake-s3d --help");
			}
			value = arguments[++argument_idx];
		}
		command_line.emplace_back(argument, value);
	}
	// Key pairs given on the command line replace those from the environment entirely.
	bool command_line_keys = false;
	for (auto &setting : command_line) {
		command_line_keys = command_line_keys || setting.first == "--access-key" || setting.first == "--credentials";
	}
	if (command_line_keys) {
		std::vector<std::pair<std::string, std::string>> kept;
		for (auto &setting : settings) {
			if (setting.first != "--access-key" && setting.first != "--secret-key" &&
			    setting.first != "--credentials") {
				kept.push_back(setting);
			}
		}
		settings = kept;
	}
	settings.insert(settings.end(), command_line.begin(), command_line.end());

	std::vector<std::string> access_keys, secret_keys;
	for (auto &setting : settings) {
		const std::string &flag = setting.first;
		const std::string &value = setting.second;
		if (flag == "--root") {
			config.root = value;
		} else if (flag == "--listen") {
			size_t colon = value.rfind(':');
			if (colon == std::string::npos || colon == 0) {
				return R::Failure("--listen '" + value + "' is invalid; expected HOST:PORT, e.g. 127.0.0.1:9000");
			}
			auto port = ParseInteger("--listen port", value.substr(colon + 1), 0, 65535);
			if (!port.Ok()) {
				return R::Failure(port.Error());
			}
			config.listen_host = value.substr(0, colon);
			if (config.listen_host.size() > 2 && config.listen_host.front() == '[') {
				config.listen_host = config.listen_host.substr(1, config.listen_host.size() - 2);
			}
			config.listen_port = uint16_t(port.Value());
		} else if (flag == "--access-key") {
			access_keys.push_back(value);
		} else if (flag == "--secret-key") {
			secret_keys.push_back(value);
		} else if (flag == "--credentials") {
			for (auto &pair : SplitList(value)) {
				size_t colon = pair.find(':');
				if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size()) {
					return R::Failure("--credentials entry '" + pair.substr(0, pair.find(':')) +
					                  ":...' is invalid; expected ACCESS_KEY:SECRET_KEY pairs separated by ','");
				}
				config.auth.keys.push_back({pair.substr(0, colon), pair.substr(colon + 1)});
			}
		} else if (flag == "--tls-cert") {
			config.tls_cert_path = value;
		} else if (flag == "--tls-key") {
			config.tls_key_path = value;
		} else if (flag == "--region") {
			config.auth.region = value;
		} else if (flag == "--anonymous-read") {
			for (auto &bucket : SplitList(value)) {
				config.auth.anonymous_read_buckets.insert(bucket);
			}
		} else if (flag == "--virtual-host-domain") {
			config.virtual_host_domains = SplitList(value);
		} else if (flag == "--log-level") {
			if (value == "error") {
				config.log_level = LogLevel::ERROR;
			} else if (value == "warn") {
				config.log_level = LogLevel::WARN;
			} else if (value == "info") {
				config.log_level = LogLevel::INFO;
			} else if (value == "debug") {
				config.log_level = LogLevel::DEBUG;
			} else {
				return R::Failure("--log-level '" + value + "' is invalid; allowed are error, warn, info, debug");
			}
		} else {
			struct IntegerFlag {
				const char *name;
				int64_t minimum;
				int64_t maximum;
			};
			static const IntegerFlag INTEGER_FLAGS[] = {
			    {"--clock-skew-seconds", 1, 7 * 24 * 3600}, {"--max-connections", 1, 65536},
			    {"--idle-timeout-seconds", 1, 3600},        {"--request-timeout-seconds", 1, 24 * 3600},
			    {"--shutdown-timeout-seconds", 0, 3600},    {"--multipart-expiry-hours", 1, 24 * 365}};
			for (auto &integer_flag : INTEGER_FLAGS) {
				if (flag != integer_flag.name) {
					continue;
				}
				auto parsed = ParseInteger(flag, value, integer_flag.minimum, integer_flag.maximum);
				if (!parsed.Ok()) {
					return R::Failure(parsed.Error());
				}
				int64_t number = parsed.Value();
				if (flag == "--clock-skew-seconds") {
					config.auth.clock_skew_seconds_max = number;
				} else if (flag == "--max-connections") {
					config.connections_max = size_t(number);
				} else if (flag == "--idle-timeout-seconds") {
					config.idle_timeout_seconds = number;
				} else if (flag == "--request-timeout-seconds") {
					config.request_timeout_seconds = number;
				} else if (flag == "--shutdown-timeout-seconds") {
					config.shutdown_timeout_seconds = number;
				} else {
					config.multipart_expiry_seconds = number * 3600;
				}
			}
		}
	}
	if (access_keys.size() != secret_keys.size()) {
		return R::Failure("--access-key was given " + std::to_string(access_keys.size()) + " times but --secret-key " +
		                  std::to_string(secret_keys.size()) + " times; give them in pairs");
	}
	for (size_t key_idx = 0; key_idx < access_keys.size(); key_idx++) {
		config.auth.keys.push_back({access_keys[key_idx], secret_keys[key_idx]});
	}
	if (config.auth.keys.empty()) {
		auto id = environment.find("AWS_ACCESS_KEY_ID");
		auto secret = environment.find("AWS_SECRET_ACCESS_KEY");
		if (id != environment.end() && secret != environment.end() && !id->second.empty()) {
			config.auth.keys.push_back({id->second, secret->second});
		}
	}
	if (config.root.empty()) {
		return R::Failure("--root is required: the directory that holds the buckets (or set DUCKLAKE_S3D_ROOT)");
	}
	if (config.tls_cert_path.empty() != config.tls_key_path.empty()) {
		return R::Failure(std::string(config.tls_cert_path.empty() ? "--tls-key" : "--tls-cert") +
		                  " was given without " + (config.tls_cert_path.empty() ? "--tls-cert" : "--tls-key") +
		                  "; HTTPS needs both the certificate chain and its private key (PEM files)");
	}
	if (config.auth.keys.empty() && config.auth.anonymous_read_buckets.empty()) {
		return R::Failure("no credentials: pass --access-key and --secret-key (or --credentials, or set "
		                  "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or allow anonymous reads with "
		                  "--anonymous-read");
	}
	return R::Success(config);
}

} // namespace server
} // namespace ducklake
