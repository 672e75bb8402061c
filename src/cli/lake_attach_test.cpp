#include "cli/lake_attach.hpp"

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
