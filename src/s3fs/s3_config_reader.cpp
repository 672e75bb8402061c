#include "s3fs/s3_config_reader.hpp"

#include "s3fs/s3_environment.hpp"
#include "s3fs/s3_secret.hpp"
#include "s3fs/s3fs_settings.hpp"

#include "duckdb/catalog/catalog_transaction.hpp"
#include "duckdb/common/exception.hpp"
#include "duckdb/common/file_opener.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/secret/secret_manager.hpp"

namespace ducklake {

S3Config ReadS3Config(const std::string &path, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	std::vector<S3ConfigLayer> layers;
	if (opener) {
		auto secret_manager = duckdb::FileOpener::TryGetSecretManager(opener);
		// Outside a query (no active transaction) the client's catalog transaction is unusable: fall
		// back to the database's system transaction, as DuckDB does for database-level openers.
		duckdb::unique_ptr<duckdb::CatalogTransaction> transaction;
		auto context = opener->TryGetClientContext();
		auto database = opener->TryGetDatabase();
		if (context && !context->transaction.HasActiveTransaction() && database) {
			transaction = duckdb::make_uniq<duckdb::CatalogTransaction>(
			    duckdb::CatalogTransaction::GetSystemTransaction(*database));
		} else {
			transaction = duckdb::FileOpener::TryGetCatalogTransaction(opener);
		}
		if (secret_manager && transaction) {
			auto match = secret_manager->LookupSecret(*transaction, path, "s3");
			if (match.HasMatch()) {
				auto &secret = dynamic_cast<const duckdb::KeyValueSecret &>(match.GetSecret());
				layers.push_back(S3SecretLayer(secret));
			}
		}
		layers.push_back(ReadS3SettingsLayer(opener));
	}
	layers.push_back(ReadS3EnvironmentLayer());
	layers.push_back(ReadS3ProfileLayer());
	S3Config config;
	auto error = ResolveS3Config(layers, config);
	if (!error.empty()) {
		throw duckdb::InvalidInputException("S3 configuration for '" + path + "': " + error);
	}
	return config;
}

} // namespace ducklake
