#include "cli/stack_state.hpp"

#include "workload/taxi_schema.hpp"

namespace ducklake {

std::string StackState::CatalogUri() const {
	return std::string("postgres:dbname=") + pg_database + " host=127.0.0.1 port=" + std::to_string(pg_port) +
	       " user=" + pg_user;
}

std::string StackState::S3Endpoint() const {
	return "127.0.0.1:" + std::to_string(s3_port);
}

std::string StackState::CreateSecretSql() const {
	return std::string("CREATE OR REPLACE SECRET ") + secret_name + " (TYPE s3, KEY_ID " + QuoteLiteral(access_key_id) +
	       ", SECRET " + QuoteLiteral(secret_access_key) + ", ENDPOINT " + QuoteLiteral(S3Endpoint()) +
	       ", URL_STYLE 'path', USE_SSL false, REGION 'us-east-1')";
}

std::string StackState::AttachSql() const {
	return "ATTACH " + QuoteLiteral("ducklake:" + CatalogUri()) + " AS lake (DATA_PATH " + QuoteLiteral(data_path) +
	       ")";
}

std::string RenderStackConf(const StackState &state) {
	return "# written by `ducklake stack up`; `ducklake stack down` reads it\n"
	       "pg_port=" +
	       std::to_string(state.pg_port) + "\ns3_port=" + std::to_string(state.s3_port) +
	       "\ns3_pid=" + std::to_string(state.s3_pid) + "\naccess_key_id=" + state.access_key_id +
	       "\nsecret_access_key=" + state.secret_access_key + "\n";
}

static bool ParseNumber(const std::string &text, int64_t max, int64_t &value) {
	if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
		return false;
	}
	value = std::stoll(text);
	return value <= max;
}

std::string ParseStackConf(const std::string &text, StackState &state) {
	if (text.size() > stack_conf_bytes_max) {
		return "stack.conf is larger than " + std::to_string(stack_conf_bytes_max) + " bytes";
	}
	size_t start = 0;
	size_t line_number = 0;
	while (start < text.size()) {
		auto end = text.find('\n', start);
		auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
		start = end == std::string::npos ? text.size() : end + 1;
		line_number++;
		if (line.empty() || line[0] == '#') {
			continue;
		}
		auto equals = line.find('=');
		if (equals == std::string::npos) {
			return "stack.conf line " + std::to_string(line_number) + " is not key=value: \"" + line + "\"";
		}
		auto key = line.substr(0, equals);
		auto value = line.substr(equals + 1);
		int64_t number = 0;
		auto bad = [&](const std::string &allowed) {
			return "stack.conf line " + std::to_string(line_number) + ": " + key + " must be " + allowed + ", got \"" +
			       value + "\"";
		};
		if (key == "pg_port" || key == "s3_port") {
			if (!ParseNumber(value, 65535, number)) {
				return bad("a port 0-65535");
			}
			(key == "pg_port" ? state.pg_port : state.s3_port) = int32_t(number);
		} else if (key == "s3_pid") {
			if (!ParseNumber(value, INT32_MAX, number)) {
				return bad("a process id");
			}
			state.s3_pid = number;
		} else if (key == "access_key_id") {
			state.access_key_id = value;
		} else if (key == "secret_access_key") {
			state.secret_access_key = value;
		}
	}
	return "";
}

} // namespace ducklake
