#include "s3fs/object_storage_registration.hpp"

#include "s3fs/curl_transport.hpp"
#include "s3fs/http_file_system.hpp"
#include "s3fs/s3_file_system.hpp"
#include "s3fs/s3_secret.hpp"
#include "s3fs/s3fs_settings.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/main/config.hpp"
#include "duckdb/main/extension/extension_loader.hpp"

namespace ducklake {

void RegisterObjectStorage(duckdb::ExtensionLoader &loader) {
	auto &db = loader.GetDatabaseInstance();
	RegisterS3fsSettings(duckdb::DBConfig::GetConfig(db));
	RegisterS3SecretType(loader);
	std::shared_ptr<HttpTransport> transport = std::make_shared<CurlTransport>();
	auto &fs = duckdb::FileSystem::GetFileSystem(db);
	fs.RegisterSubSystem(duckdb::make_uniq<HttpFileSystem>(transport));
	fs.RegisterSubSystem(duckdb::make_uniq<S3FileSystem>(transport));
}

} // namespace ducklake
