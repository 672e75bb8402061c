#include "cli/lake_attach.hpp"

#include "duckdb/main/config.hpp"
#include "duckdb/parser/parsed_data/attach_info.hpp"
#include "duckdb/storage/storage_extension.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

using ducklake::LakeOptions;
using ducklake::PlanLakeAttach;

TEST(LakeAttach, DefaultLakeIsTheEmbeddedOneUnderDotLake) {
	auto plan = PlanLakeAttach(LakeOptions());
	EXPECT_EQ(plan.alias, "lake");
	EXPECT_EQ(plan.uri, "ducklake:./lake/metadata.ducklake");
	EXPECT_EQ(plan.data_path, "./lake/data/");
	EXPECT_EQ(plan.directory_to_create, "./lake");
	EXPECT_EQ(plan.attach_sql, "ATTACH 'ducklake:./lake/metadata.ducklake' AS \"lake\" (DATA_PATH './lake/data/')");
	EXPECT_EQ(plan.use_sql, "USE \"lake\"");
}

TEST(LakeAttach, BareUriGetsTheDucklakePrefixAndNoDefaultDataPath) {
	LakeOptions options;
	options.uri = "postgres:dbname=lake host=localhost";
	auto plan = PlanLakeAttach(options);
	EXPECT_EQ(plan.uri, "ducklake:postgres:dbname=lake host=localhost");
	EXPECT_EQ(plan.attach_sql, "ATTACH 'ducklake:postgres:dbname=lake host=localhost' AS \"lake\"");
	EXPECT_TRUE(plan.directory_to_create.empty());
}

TEST(LakeAttach, QuotesAreDoubledInTheAttachStatement) {
	LakeOptions options;
	options.uri = "ducklake:it's.ducklake";
	options.data_path = "s3://b/o'neil/";
	auto plan = PlanLakeAttach(options);
	EXPECT_EQ(plan.attach_sql, "ATTACH 'ducklake:it''s.ducklake' AS \"lake\" (DATA_PATH 's3://b/o''neil/')");
	EXPECT_EQ(ducklake::QuoteSqlIdentifier("a\"b"), "\"a\"\"b\"");
}

TEST(LakeAttach, WithoutDucklakeStorageTheDefaultLakeIsSkippedAndAnExplicitOneFails) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);
	if (ducklake::LakeStorageRegistered(*db.instance)) {
		GTEST_SKIP() << "the ducklake storage type is registered; this case covers builds without it";
	}
	auto skipped = ducklake::AttachLake(*db.instance, connection, LakeOptions());
	EXPECT_EQ(skipped.status, ducklake::LakeAttachOutcome::Status::UNAVAILABLE);

	LakeOptions explicit_lake;
	explicit_lake.uri = "other.ducklake";
	auto failed = ducklake::AttachLake(*db.instance, connection, explicit_lake);
	EXPECT_EQ(failed.status, ducklake::LakeAttachOutcome::Status::FAILED);
	EXPECT_NE(failed.message.find("--no-lake"), std::string::npos) << failed.message;

	LakeOptions disabled;
	disabled.enabled = false;
	EXPECT_EQ(ducklake::AttachLake(*db.instance, connection, disabled).status,
	          ducklake::LakeAttachOutcome::Status::DISABLED);
}

namespace {

// A stand-in for the DuckLake catalog that records what ATTACH handed to the `ducklake` storage
// type and then refuses, as an unreachable metadata store would.
struct RecordedAttach {
	std::string name;
	std::string path;
	std::string data_path;
	int calls = 0;
};
RecordedAttach recorded_attach;

duckdb::unique_ptr<duckdb::Catalog> RecordingAttach(duckdb::optional_ptr<duckdb::StorageExtensionInfo>,
                                                    duckdb::ClientContext &, duckdb::AttachedDatabase &,
                                                    const std::string &name, duckdb::AttachInfo &info,
                                                    duckdb::AttachOptions &) {
	recorded_attach.calls++;
	recorded_attach.name = name;
	recorded_attach.path = info.path;
	for (auto &option : info.options) {
		if (duckdb::StringUtil::Lower(option.first) == "data_path") {
			recorded_attach.data_path = option.second.ToString();
		}
	}
	throw duckdb::IOException("metadata store unreachable");
}

// DuckDB routes ATTACH to a storage extension only when it has both functions; never reached.
duckdb::unique_ptr<duckdb::TransactionManager> NoTransactionManager(duckdb::optional_ptr<duckdb::StorageExtensionInfo>,
                                                                    duckdb::AttachedDatabase &, duckdb::Catalog &) {
	throw duckdb::InternalException("the recording storage never attaches");
}

void RegisterRecordingStorage(duckdb::DuckDB &db) {
	auto storage = duckdb::make_uniq<duckdb::StorageExtension>();
	storage->attach = RecordingAttach;
	storage->create_transaction_manager = NoTransactionManager;
	duckdb::DBConfig::GetConfig(*db.instance).storage_extensions["ducklake"] = std::move(storage);
	recorded_attach = RecordedAttach();
}

// Runs the test body in a fresh temporary directory, so the default ./lake lands there.
class InTemporaryDirectory {
public:
	InTemporaryDirectory() : previous(std::filesystem::current_path()) {
		auto pattern = (std::filesystem::temp_directory_path() / "ducklake-lake-attach-XXXXXX").string();
		directory = mkdtemp(&pattern[0]);
		std::filesystem::current_path(directory);
	}
	~InTemporaryDirectory() {
		std::filesystem::current_path(previous);
		std::filesystem::remove_all(directory);
	}

private:
	std::filesystem::path previous;
	std::string directory;
};

} // namespace

TEST(LakeAttach, RegisteredStorageReceivesTheDefaultLakeAndItsFailureIsReported) {
	InTemporaryDirectory temporary_directory;
	duckdb::DuckDB db(nullptr);
	RegisterRecordingStorage(db);
	duckdb::Connection connection(db);

	auto outcome = ducklake::AttachLake(*db.instance, connection, LakeOptions());

	EXPECT_EQ(recorded_attach.calls, 1);
	EXPECT_EQ(recorded_attach.name, "lake");
	EXPECT_EQ(recorded_attach.path, "./lake/metadata.ducklake");
	EXPECT_EQ(recorded_attach.data_path, "./lake/data/");
	EXPECT_TRUE(std::filesystem::is_directory("lake")) << "the default lake directory is created before ATTACH";
	EXPECT_EQ(outcome.status, ducklake::LakeAttachOutcome::Status::FAILED);
	EXPECT_NE(outcome.message.find("cannot attach the lake ducklake:./lake/metadata.ducklake (data ./lake/data/)"),
	          std::string::npos)
	    << outcome.message;
	EXPECT_NE(outcome.message.find("metadata store unreachable"), std::string::npos) << outcome.message;
}

TEST(LakeAttach, ExplicitLakeCreatesNoDirectory) {
	InTemporaryDirectory temporary_directory;
	duckdb::DuckDB db(nullptr);
	RegisterRecordingStorage(db);
	duckdb::Connection connection(db);

	LakeOptions options;
	options.uri = "elsewhere/metadata.ducklake";
	auto outcome = ducklake::AttachLake(*db.instance, connection, options);

	EXPECT_EQ(recorded_attach.path, "elsewhere/metadata.ducklake");
	EXPECT_EQ(recorded_attach.data_path, "");
	EXPECT_FALSE(std::filesystem::exists("lake"));
	EXPECT_FALSE(std::filesystem::exists("elsewhere"));
	EXPECT_EQ(outcome.status, ducklake::LakeAttachOutcome::Status::FAILED);
}
