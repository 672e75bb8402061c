#include "metadata/postgres/postgres_error.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(PostgresErrorTest, LostRacesAreRetryableConflicts) {
	EXPECT_EQ(ClassifySqlState("23505"), MetadataErrorKind::RETRYABLE_CONFLICT); // unique_violation
	EXPECT_EQ(ClassifySqlState("40001"), MetadataErrorKind::RETRYABLE_CONFLICT); // serialization_failure
	EXPECT_EQ(ClassifySqlState("40P01"), MetadataErrorKind::RETRYABLE_CONFLICT); // deadlock_detected
}

TEST(PostgresErrorTest, ConnectionClassAndShutdownsAreConnectionLost) {
	EXPECT_EQ(ClassifySqlState("08000"), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_EQ(ClassifySqlState("08006"), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_EQ(ClassifySqlState("08P01"), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_EQ(ClassifySqlState("57P01"), MetadataErrorKind::CONNECTION_LOST); // admin_shutdown
	EXPECT_EQ(ClassifySqlState("57P02"), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_EQ(ClassifySqlState("57P03"), MetadataErrorKind::CONNECTION_LOST);
}

TEST(PostgresErrorTest, EverythingElseIsPermanent) {
	EXPECT_EQ(ClassifySqlState("23502"), MetadataErrorKind::PERMANENT); // not_null_violation
	EXPECT_EQ(ClassifySqlState("42P01"), MetadataErrorKind::PERMANENT); // undefined_table
	EXPECT_EQ(ClassifySqlState("28P01"), MetadataErrorKind::PERMANENT); // invalid_password
	EXPECT_EQ(ClassifySqlState("57014"), MetadataErrorKind::PERMANENT); // query_canceled (statement timeout)
	EXPECT_EQ(ClassifySqlState("40002"), MetadataErrorKind::PERMANENT); // integrity constraint at commit
	EXPECT_EQ(ClassifySqlState(""), MetadataErrorKind::PERMANENT);
	EXPECT_EQ(ClassifySqlState("08"), MetadataErrorKind::PERMANENT); // not a SQLSTATE
}

} // namespace ducklake
