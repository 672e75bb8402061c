#include "catalog/ducklake_storage_extension.hpp"

#include "catalog/inlined_insert.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/catalog_initializer.hpp"
#include "metadata/metadata_store.hpp"
#include "storage/data_path.hpp"

#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/database.hpp"
#include "duckdb/parser/parsed_data/attach_info.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's storage extension callbacks

namespace {

const char *const allowed_attach_options =
    "DATA_PATH, READ_ONLY, SNAPSHOT_VERSION, SNAPSHOT_TIME, METADATA_SCHEMA, CREATE_IF_NOT_EXISTS, OVERRIDE_DATA_PATH, "
    "DATA_INLINING_ROW_LIMIT";

unique_ptr<Catalog> DucklakeAttach(optional_ptr<StorageExtensionInfo> storage_info, ClientContext &context,
                                   AttachedDatabase &db, const string &name, AttachInfo &info,
                                   AttachOptions &attach_options) {
	DucklakeAttachOptions options;
	MetadataStoreOptions store_options;
	store_options.location = ParseMetadataLocation(info.path);
	options.metadata_path = store_options.location.target;
	options.read_only = attach_options.access_mode == AccessMode::READ_ONLY;
	std::string data_path;
	bool create_if_not_exists = true;
	for (auto &option : attach_options.options) {
		auto key = StringUtil::Lower(option.first);
		if (key == "data_path") {
			data_path = option.second.ToString();
		} else if (key == "metadata_schema") {
			options.metadata_schema = option.second.ToString();
			store_options.metadata_schema = options.metadata_schema;
		} else if (key == "snapshot_version") {
			options.snapshot_version = option.second.DefaultCastAs(LogicalType::BIGINT);
		} else if (key == "snapshot_time") {
			options.snapshot_time = option.second.DefaultCastAs(LogicalType::TIMESTAMP_TZ);
		} else if (key == "create_if_not_exists") {
			create_if_not_exists = option.second.DefaultCastAs(LogicalType::BOOLEAN).GetValue<bool>();
		} else if (key == "data_inlining_row_limit") {
			options.data_inlining_row_limit =
			    Value::BIGINT(ParseInliningLimit(option.second, "ATTACH option DATA_INLINING_ROW_LIMIT"));
		} else if (key == "override_data_path") {
			// A DATA_PATH given for an existing catalog is always used for this attach.
		} else {
			throw InvalidInputException("Unknown option \"%s\" for ATTACH of a DuckLake catalog; allowed options: %s",
			                            option.first, allowed_attach_options);
		}
	}
	attach_options.options.clear();
	// A pinned attach is read-only too (DucklakeCatalog::IsReadOnly), with its own error text.
	bool pinned = !options.snapshot_version.IsNull() || !options.snapshot_time.IsNull();
	bool never_writes = options.read_only || pinned;
	options.metadata_database = "__ducklake_metadata_" + name;
	store_options.lake_name = name;
	store_options.read_only = never_writes;
	std::shared_ptr<MetadataStore> store(CreateMetadataStore(*context.db, store_options).release());
	auto description = store->Describe();
	if (!store->Exists() && (never_writes || !create_if_not_exists)) {
		throw InvalidInputException("DuckLake metadata file %s does not exist%s", description,
		                            never_writes ? " (a READ_ONLY or pinned attach never creates it)"
		                                         : " and CREATE_IF_NOT_EXISTS is false");
	}
	if (!store->Exists() && !store->LocalPath().empty()) {
		// A new lake may live in a directory that does not exist yet (e.g. ./lake/metadata.ducklake).
		auto &fs = FileSystem::GetFileSystem(context);
		auto local_path = store->LocalPath();
		auto slash = local_path.find_last_of('/');
		if (slash != std::string::npos && slash > 0) {
			auto parent = local_path.substr(0, slash);
			if (!fs.DirectoryExists(parent)) {
				fs.CreateDirectoriesRecursive(parent);
			}
		}
	}
	store->Open();
	description = store->Describe();
	// A DuckDB file already attached for another lake is shared: its internal name is reused.
	bool attached_here = store->AttachedDatabaseName() == options.metadata_database;
	if (!store->AttachedDatabaseName().empty()) {
		options.metadata_database = store->AttachedDatabaseName();
	}
	try {
		auto connection = store->Connect();
		CatalogInitializer initializer(*connection);
		auto inspection = initializer.Inspect(description);
		if (inspection.state == CatalogState::EMPTY_DATABASE) {
			if (never_writes || !create_if_not_exists) {
				throw InvalidInputException("%s holds no DuckLake catalog and this attach may not create one",
				                            description);
			}
			if (data_path.empty() && store->LocalPath().empty()) {
				throw InvalidInputException("Creating a DuckLake catalog in %s needs DATA_PATH: a database server "
				                            "has no file next to which the data could go",
				                            description);
			}
			auto stored_path = data_path.empty() ? DefaultDataPath(store->LocalPath()) : WithTrailingSlash(data_path);
			initializer.Initialize(stored_path, "DuckDB " + std::string(DuckDB::SourceID()));
			options.data_path = stored_path;
		} else {
			options.data_path =
			    data_path.empty() ? WithTrailingSlash(inspection.data_path) : WithTrailingSlash(data_path);
		}
	} catch (...) {
		if (attached_here) {
			store->Close();
		}
		throw;
	}
	options.store = std::move(store);
	return make_uniq<DucklakeCatalog>(db, std::move(options));
}

unique_ptr<TransactionManager> DucklakeCreateTransactionManager(optional_ptr<StorageExtensionInfo> storage_info,
                                                                AttachedDatabase &db, Catalog &catalog) {
	return make_uniq<DucklakeTransactionManager>(db, catalog.Cast<DucklakeCatalog>());
}

} // namespace

DucklakeStorageExtension::DucklakeStorageExtension() {
	attach = DucklakeAttach;
	create_transaction_manager = DucklakeCreateTransactionManager;
}

} // namespace ducklake
