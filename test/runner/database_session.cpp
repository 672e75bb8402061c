#include "database_session.hpp"

#include "extension/ducklake_extension.hpp"
#include "extension/huge_page_allocator.hpp"

namespace ducklake::sqllogic {

DatabaseSession::DatabaseSession(std::string spill_directory_p, std::vector<std::string> init_sql_p)
    : spill_directory(std::move(spill_directory_p)), init_sql(std::move(init_sql_p)) {
}

DatabaseSession::~DatabaseSession() {
	Close();
}

void DatabaseSession::Close() {
	{
		std::lock_guard<std::mutex> guard(named_lock);
		named_connections.clear();
	}
	default_connection.reset();
	database.reset();
}

bool DatabaseSession::Open(const std::string &path_p, bool read_only_p, bool load_extension, std::string &error) {
	Close();
	path = path_p;
	read_only = read_only_p;
	try {
		duckdb::DBConfig config;
		config.options.autoinstall_known_extensions = false;
		UseHugePageAllocator(config);
		config.options.temporary_directory = spill_directory;
		if (read_only) {
			config.options.access_mode = duckdb::AccessMode::READ_ONLY;
		}
		database = duckdb::make_uniq<duckdb::DuckDB>(path.empty() ? nullptr : path.c_str(), &config);
		if (load_extension) {
			database->LoadStaticExtension<ducklake::DucklakeExtension>();
		}
		default_connection = duckdb::make_uniq<duckdb::Connection>(*database);
	} catch (std::exception &ex) {
		duckdb::ErrorData data(ex);
		error = "cannot open database '" + (path.empty() ? std::string(":memory:") : path) + "': " + data.Message();
		Close();
		return false;
	}
	for (auto &sql : init_sql) {
		auto result = default_connection->Query(sql);
		if (result->HasError()) {
			error = "configuration init SQL failed: " + sql + "\n" + result->GetError();
			return false;
		}
	}
	return true;
}

bool DatabaseSession::Restart(bool load_extension, std::string &error) {
	auto current_path = path;
	return Open(current_path, read_only, load_extension, error);
}

void DatabaseSession::Reconnect() {
	default_connection = duckdb::make_uniq<duckdb::Connection>(*database);
}

duckdb::DuckDB &DatabaseSession::Database() {
	return *database;
}

duckdb::Connection &DatabaseSession::DefaultConnection() {
	return *default_connection;
}

duckdb::Connection &DatabaseSession::Named(const std::string &name) {
	std::lock_guard<std::mutex> guard(named_lock);
	auto &entry = named_connections[name];
	if (!entry) {
		entry = duckdb::make_uniq<duckdb::Connection>(*database);
	}
	return *entry;
}

duckdb::unique_ptr<duckdb::Connection> DatabaseSession::NewConnection() {
	return duckdb::make_uniq<duckdb::Connection>(*database);
}

} // namespace ducklake::sqllogic
