// A DuckLake lake whose DATA_PATH is on s3://: the data files the catalog writes must be found again
// at exactly the keys it records. An object store does not fold "dir//file" into "dir/file" the way a
// local file system does, so a path joined with a doubled slash only fails here.
#include "extension/ducklake_extension.hpp"
#include "s3fs/local_web_server_test_support.hpp"
#include "s3fs/s3_test_server_test_support.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

namespace ducklake {

class LakeOnS3Test : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		if (!server.Start(error)) {
			GTEST_SKIP() << "needs ducklake-s3d: " << error;
		}
		ASSERT_TRUE(server.CreateBucket("lake", error)) << error;
		db.LoadStaticExtension<DucklakeExtension>();
		Run(server.CreateSecretSql());
		Run("ATTACH 'ducklake:" + metadata.Path() + "/metadata.ducklake' AS lake (DATA_PATH 's3://lake/data/')");
	}
	void Run(const std::string &sql) {
		auto result = con.Query(sql);
		ASSERT_FALSE(result->HasError()) << sql << ": " << result->GetError();
	}
	std::string Scalar(const std::string &sql) {
		auto result = con.Query(sql);
		EXPECT_FALSE(result->HasError()) << sql << ": " << result->GetError();
		return result->HasError() ? std::string() : result->GetValue(0, 0).ToString();
	}

	S3TestServer server;
	TempDirectory metadata;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(LakeOnS3Test, OrderedAndUnorderedInsertsReadBackFromTheRecordedKeys) {
	Run("CREATE TABLE lake.trips AS SELECT i, i % 10 AS zone FROM range(50000) t(i)");
	// Without insertion order the catalog writes through the per-file copy, which names files itself.
	Run("SET preserve_insertion_order = false");
	Run("INSERT INTO lake.trips SELECT i, i % 10 FROM range(50000, 80000) t(i)");
	EXPECT_EQ(Scalar("SELECT count(*) || ',' || sum(i) FROM lake.trips"), "80000,3199960000");
	EXPECT_EQ(Scalar("SELECT count(*) FROM ducklake_list_files('lake', 'trips')"), "2");
	EXPECT_EQ(Scalar("SELECT count(*) FROM glob('s3://lake/data/**') WHERE replace(file, 's3://', '') LIKE '%//%'"),
	          "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM glob('s3://lake/data/**/*.parquet')"), "2");
}

} // namespace ducklake
