#include "cli/lake_attach.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include "duckdb/main/config.hpp"

#include <filesystem>
#include <system_error>

namespace ducklake {

namespace {

const char *lake_alias = "lake";
const char *default_lake_directory = "./lake";
const char *default_metadata_path = "./lake/metadata.ducklake";
const char *default_data_path = "./lake/data/";
const char *uri_prefix = "ducklake:";

bool StartsWith(const std::string &text, const std::string &prefix) {
	return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

std::string QuoteSqlString(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

std::string QuoteSqlIdentifier(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '"');
}

LakeAttachPlan PlanLakeAttach(const LakeOptions &options) {
	LakeAttachPlan plan;
	plan.alias = lake_alias;
	if (options.uri.empty()) {
		plan.uri = std::string(uri_prefix) + default_metadata_path;
		plan.data_path = options.data_path.empty() ? default_data_path : options.data_path;
		plan.directory_to_create = default_lake_directory;
	} else {
		plan.uri = StartsWith(options.uri, uri_prefix) ? options.uri : uri_prefix + options.uri;
		plan.data_path = options.data_path;
	}
	plan.attach_sql = "ATTACH " + QuoteSqlString(plan.uri) + " AS " + QuoteSqlIdentifier(plan.alias);
	if (!plan.data_path.empty()) {
		plan.attach_sql += " (DATA_PATH " + QuoteSqlString(plan.data_path) + ")";
	}
	plan.use_sql = "USE " + QuoteSqlIdentifier(plan.alias);
	return plan;
}

bool LakeStorageRegistered(duckdb::DatabaseInstance &db) {
	auto &extensions = duckdb::DBConfig::GetConfig(db).storage_extensions;
	return extensions.find("ducklake") != extensions.end();
}

LakeAttachOutcome AttachLake(duckdb::DatabaseInstance &db, duckdb::Connection &connection, const LakeOptions &options) {
	using Status = LakeAttachOutcome::Status;
	if (!options.enabled) {
		return {Status::DISABLED, ""};
	}
	if (!LakeStorageRegistered(db)) {
		if (options.IsExplicit()) {
			return {Status::FAILED, "cannot attach the lake: this build does not register the 'ducklake' storage "
			                        "type, so --lake and --data are not available (use --no-lake)"};
		}
		return {Status::UNAVAILABLE, ""};
	}
	auto plan = PlanLakeAttach(options);
	auto description = plan.uri + (plan.data_path.empty() ? "" : " (data " + plan.data_path + ")");
	if (!plan.directory_to_create.empty()) {
		std::error_code error;
		std::filesystem::create_directories(plan.directory_to_create, error);
		if (error) {
			return {Status::FAILED, "cannot create the lake directory '" + plan.directory_to_create +
			                            "': " + error.message() + " (use --lake/--data or --no-lake)"};
		}
	}
	for (auto &sql : {plan.attach_sql, plan.use_sql}) {
		auto result = connection.Query(sql);
		if (result->HasError()) {
			return {Status::FAILED, "cannot attach the lake " + description + ": " + result->GetError()};
		}
	}
	return {Status::ATTACHED, plan.alias + ": " + description};
}

} // namespace ducklake
