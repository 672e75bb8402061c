#include "runner_database.hpp"

#include "duckdb/common/string_util.hpp"

namespace ducklake::sqllogic {

RunnerDatabase::RunnerDatabase() = default;
RunnerDatabase::~RunnerDatabase() = default;

duckdb::Connection &RunnerDatabase::Connect() {
	if (!connection) {
		duckdb::DBConfig config;
		config.options.autoinstall_known_extensions = false;
		config.options.maximum_threads = 1;
		database = duckdb::make_uniq<duckdb::DuckDB>(nullptr, &config);
		connection = duckdb::make_uniq<duckdb::Connection>(*database);
	}
	return *connection;
}

bool RunnerDatabase::RegexFullMatch(const std::string &text, const std::string &pattern, bool &matches,
                                    std::string &error) {
	std::lock_guard<std::mutex> guard(lock);
	auto &con = Connect();
	if (!regex_statement) {
		regex_statement = con.Prepare("SELECT regexp_full_match($1::VARCHAR, $2::VARCHAR, 's')");
		if (regex_statement->HasError()) {
			error = "cannot prepare the regex matcher: " + regex_statement->GetError();
			regex_statement.reset();
			return false;
		}
	}
	duckdb::vector<duckdb::Value> parameters {duckdb::Value(text), duckdb::Value(pattern)};
	auto result = regex_statement->Execute(parameters, false);
	if (result->HasError()) {
		error = "invalid regular expression '" + pattern + "': " + result->GetError();
		return false;
	}
	auto &materialized = result->Cast<duckdb::MaterializedQueryResult>();
	auto value = materialized.GetValue(0, 0);
	matches = !value.IsNull() && value.GetValue<bool>();
	return true;
}

bool RunnerDatabase::ReadResultFile(const std::string &path, const std::vector<std::string> &column_names,
                                    std::vector<std::vector<std::string>> &rows, std::string &error) {
	std::lock_guard<std::mutex> guard(lock);
	auto &con = Connect();
	std::string columns = "{";
	for (size_t column_idx = 0; column_idx < column_names.size(); column_idx++) {
		columns += column_idx == 0 ? "" : ", ";
		columns += duckdb::KeywordHelper::WriteQuoted(column_names[column_idx], '\'') + ": 'VARCHAR'";
	}
	columns += "}";
	auto sql = "SELECT * FROM read_csv(" + duckdb::KeywordHelper::WriteQuoted(path, '\'') +
	           ", header = true, sep = '|', auto_detect = false, all_varchar = true, columns = " + columns + ")";
	auto result = con.Query(sql);
	if (result->HasError()) {
		error = "cannot read result file '" + path + "' (a '|'-separated CSV with a header row and " +
		        std::to_string(column_names.size()) + " columns): " + result->GetError();
		return false;
	}
	rows.clear();
	for (auto &chunk : result->Collection().Chunks()) {
		for (duckdb::idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			std::vector<std::string> row;
			for (duckdb::idx_t column_idx = 0; column_idx < chunk.ColumnCount(); column_idx++) {
				auto value = chunk.GetValue(column_idx, row_idx);
				row.push_back(value.IsNull() ? "NULL" : value.ToString());
			}
			rows.push_back(std::move(row));
		}
	}
	return true;
}

} // namespace ducklake::sqllogic
