#include "workload/taxi_schema.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <algorithm>
#include <cctype>

namespace ducklake {

const std::vector<TaxiColumn> &TaxiColumns() {
	static const std::vector<TaxiColumn> columns = {
	    {"VendorID", "INTEGER"},
	    {"tpep_pickup_datetime", "TIMESTAMP"},
	    {"tpep_dropoff_datetime", "TIMESTAMP"},
	    {"passenger_count", "BIGINT"},
	    {"trip_distance", "DOUBLE"},
	    {"RatecodeID", "BIGINT"},
	    {"store_and_fwd_flag", "VARCHAR"},
	    {"PULocationID", "INTEGER"},
	    {"DOLocationID", "INTEGER"},
	    {"payment_type", "BIGINT"},
	    {"fare_amount", "DOUBLE"},
	    {"extra", "DOUBLE"},
	    {"mta_tax", "DOUBLE"},
	    {"tip_amount", "DOUBLE"},
	    {"tolls_amount", "DOUBLE"},
	    {"improvement_surcharge", "DOUBLE"},
	    {"total_amount", "DOUBLE"},
	    {"congestion_surcharge", "DOUBLE"},
	    {"Airport_fee", "DOUBLE"},
	};
	return columns;
}

static std::string Lower(const std::string &text) {
	std::string result = text;
	std::transform(result.begin(), result.end(), result.begin(),
	               [](unsigned char character) { return static_cast<char>(std::tolower(character)); });
	return result;
}

std::string QuoteIdentifier(const std::string &identifier) {
	return duckdb::KeywordHelper::WriteQuoted(identifier, '"');
}

std::string QuoteLiteral(const std::string &value) {
	return duckdb::KeywordHelper::WriteQuoted(value, '\'');
}

std::string TaxiColumnDefinitions() {
	std::string result;
	for (auto &column : TaxiColumns()) {
		if (!result.empty()) {
			result += ", ";
		}
		result += QuoteIdentifier(column.name) + " " + column.type;
	}
	return result;
}

static const std::string *FindColumn(const std::vector<std::string> &source_columns, const std::string &name) {
	auto wanted = Lower(name);
	for (auto &source_column : source_columns) {
		if (Lower(source_column) == wanted) {
			return &source_column;
		}
	}
	return nullptr;
}

std::string TaxiNormalizingSelectList(const std::vector<std::string> &source_columns) {
	std::string result;
	for (auto &column : TaxiColumns()) {
		if (!result.empty()) {
			result += ", ";
		}
		auto source_column = FindColumn(source_columns, column.name);
		auto value = source_column ? QuoteIdentifier(*source_column) : std::string("NULL");
		result += "CAST(" + value + " AS " + column.type + ") AS " + QuoteIdentifier(column.name);
	}
	return result;
}

std::vector<std::string> MissingRequiredTaxiColumns(const std::vector<std::string> &source_columns) {
	static const char *required[] = {"tpep_pickup_datetime", "tpep_dropoff_datetime", "trip_distance", "fare_amount",
	                                 "total_amount"};
	std::vector<std::string> missing;
	for (auto name : required) {
		if (!FindColumn(source_columns, name)) {
			missing.push_back(name);
		}
	}
	return missing;
}

} // namespace ducklake
